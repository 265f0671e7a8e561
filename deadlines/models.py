"""Rule 2, time-limited completion: cases, their due dates, extensions, escalations.

Every due date is counted in working days by workdays.days, from the
committed limit of the service item's version in force at intake, or set by
a leader's instruction. Only an approved extension moves it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.models import ServiceItem, ServiceItemVersion
from org.models import Department, Staff


class CaseKind(models.TextChoices):
    SERVICE = "service", _("Service application")
    INSTRUCTION = "instruction", _("Leader's instruction (领导批示件)")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS)
CASE_TRANSITIONS = {
    CaseStatus.RECEIVED: {
        CaseStatus.IN_PROGRESS,
        CaseStatus.COMPLETED,
        CaseStatus.REFUSED,
        CaseStatus.WITHDRAWN,
    },
    CaseStatus.IN_PROGRESS: {CaseStatus.COMPLETED, CaseStatus.REFUSED, CaseStatus.WITHDRAWN},
}


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Case(models.Model):
    """A matter with a due date (办件)."""

    number = models.CharField(_("case number"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices, default=CaseKind.SERVICE)
    service_item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    item_version = models.ForeignKey(
        ServiceItemVersion,
        verbose_name=_("service item version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("matter"), max_length=200)
    instruction = models.TextField(_("instruction"), blank=True)
    leader = models.CharField(_("instructing leader"), max_length=50, blank=True)
    applicant_name = models.CharField(_("applicant"), max_length=100, blank=True)
    applicant_phone = models.CharField(_("applicant's phone"), max_length=20, blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("section"), on_delete=models.PROTECT, related_name="cases"
    )
    handler = models.ForeignKey(
        Staff, verbose_name=_("handler"), on_delete=models.PROTECT, related_name="cases"
    )
    # Rule 4: the A holder whose post's case reached the handler because they answered for A, away
    # when it was received. While A is away the handler acts on it for A; A's handover lists it.
    cover_for = models.ForeignKey(
        Staff,
        verbose_name=_("received as cover for"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # Rule 6: a case withdrawn by staff, not at the applicant's request, is a refusal without one.
    # Unknown (null) for a withdrawal recorded before the question was asked: never flagged.
    applicant_asked = models.BooleanField(_("withdrawn at the applicant's request"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_date = models.DateField(_("due date"))
    original_due_date = models.DateField(_("original due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    overdue = models.BooleanField(_("overdue"), default=False)
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True)
    handled_at_once = models.BooleanField(_("handled at once"), default=False)
    not_at_once_reason = models.TextField(_("why not handled at once"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            # The jobs' candidates: open cases by due date. Not a partial index:
            # SQLite uses one only when the statuses are literals in the SQL,
            # and the ORM sends them as parameters (bench/ measured 11x).
            # With ``overdue``, the overdue job and its plain COUNT read the index alone
            # (without it PostgreSQL chose case_department_idx and read all of it).
            models.Index(fields=["status", "due_date", "overdue"], name="case_status_due_idx"),
            # Rule 8's figures read a period's completed cases by their completion (bench/evaluate.py).
            models.Index(fields=["completed_at"], name="case_completed_idx"),
            # The section list, soonest or latest due first; with ``id``, the order
            # of the page and the page's ids come from the index alone (IdsFirstPaginator).
            models.Index(fields=["department", "due_date", "id"], name="case_department_due_idx"),
            models.Index(fields=["handler", "status", "due_date", "overdue"], name="case_handler_idx"),
            # The cards: open cases by status, due date and flag, read from the
            # index alone (bench/: 23 ms -> 3 ms on SQLite for 655,691 cases).
            models.Index(fields=["department", "status", "due_date", "overdue"], name="case_department_idx"),
            # "Completed this year": a short range, not the section's whole history.
            models.Index(fields=["department", "status", "completed_at"], name="case_department_done_idx"),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def completed_on_time(self) -> bool | None:
        if self.completed_at is None:
            return None
        return timezone.localdate(self.completed_at) <= self.due_date


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the section chief")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Extension(models.Model):
    """A request to extend a case's due date (延期); only approval moves it."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="extensions"
    )
    days = models.PositiveSmallIntegerField(_("working days"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        Staff, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decide_by = models.DateField(_("to be decided by"))
    status = models.CharField(
        _("status"), max_length=20, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        Staff, verbose_name=_("decided by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    due_before = models.DateField(_("due date before"))
    due_after = models.DateField(_("due date after"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            # One open request at a time for a case.
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="pending"), name="one_pending_extension_per_case"
            ),
        ]
        indexes = [models.Index(fields=["status", "decide_by"], name="extension_queue_idx")]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self):
        return f"{self.case.number} +{self.days}"


class EscalationStep(models.TextChoices):
    REMIND = "remind", _("Reminder to the handler before the due date")
    HANDLER = "handler", _("Overdue: the handler told")
    CHIEF = "chief", _("Overdue: escalated to the section chief")
    SUPERVISOR = "supervisor", _("Overdue: escalated to the supervisor")


class Escalation(models.Model):
    """One step taken for one due date of a case. The unique constraint makes
    each step happen once, however often and on however many workers the
    jobs run."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    step = models.CharField(_("step"), max_length=20, choices=EscalationStep.choices)
    due_date = models.DateField(_("for the due date"))
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "step", "due_date"], name="escalation_step_once"),
        ]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self):
        return f"{self.case.number} {self.step}"
