"""Rule 6, refusal filing (否定报备制).

No application is refused without a ``Refusal``: its kind, the facts, the
reason, the legal basis, what would still cure it, the officer and the time.
It goes to the section chief of the matter, who confirms or overturns it with
an opinion within ``REFUSAL_CONFIRM_WD`` working days. Until confirmed, the
applicant is not given the refusal notice, unless it was decided at the window
on the spot (a one-time notice saying the matter cannot be accepted at all):
then the notice is given at once and the refusal reviewed after.

What counts against someone (rules 7 and 8) is a ``RefusalFinding``: a refusal
overturned, filed late (after the notice was given), or a matter found refused
without one; one row per fact, never two.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commitments.models import ServiceItem
from deadlines.models import Case
from inquiries.models import Inquiry
from notifications.models import Notice
from org.models import Department, Staff


class RefusalKind(models.TextChoices):
    NOT_ACCEPTED = "not_accepted", _("Not accepted (不予受理)")
    NOT_GRANTED = "not_granted", _("Not granted (不予许可/不予办理)")


class RefusalStatus(models.TextChoices):
    FILED = "filed", _("Filed, awaiting the chief's review")
    CONFIRMED = "confirmed", _("Confirmed")
    OVERTURNED = "overturned", _("Overturned")


# A refusal in force holds its matter refused (or its notice waiting for confirmation).
IN_FORCE = (RefusalStatus.FILED, RefusalStatus.CONFIRMED)


class Refusal(models.Model):
    """A refusal of an application, filed with the section chief (否定报备)."""

    number = models.CharField(_("decision number"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RefusalKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=RefusalStatus.choices, default=RefusalStatus.FILED
    )
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, null=True, blank=True, related_name="refusals"
    )
    inquiry = models.ForeignKey(
        Inquiry,
        verbose_name=_("inquiry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refusals",
    )
    notice = models.OneToOneField(
        Notice,
        verbose_name=_("one-time notice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refusal",
        help_text=_("The notice that said at the window the matter cannot be accepted at all."),
    )
    department = models.ForeignKey(
        Department, verbose_name=_("section"), on_delete=models.PROTECT, related_name="refusals"
    )
    service_item = models.ForeignKey(
        ServiceItem, verbose_name=_("service item"), on_delete=models.PROTECT, null=True, blank=True
    )
    matter = models.CharField(_("matter"), max_length=200)
    applicant_name = models.CharField(_("applicant"), max_length=100, blank=True)
    facts = models.TextField(_("facts"))
    reason = models.TextField(_("reason"))
    legal_basis = models.TextField(_("legal basis"))
    cure = models.TextField(_("what the applicant would still need"), blank=True)
    officer = models.ForeignKey(
        Staff, verbose_name=_("officer"), on_delete=models.PROTECT, related_name="refusals_filed"
    )
    filed_at = models.DateTimeField(_("filed at"))
    on_the_spot = models.BooleanField(
        _("decided at the window"),
        default=False,
        help_text=_("Told to the applicant at once, as a one-time notice; reviewed after."),
    )
    notice_given_at = models.DateTimeField(_("refusal notice given at"), null=True, blank=True)
    review_due = models.DateField(_("review due"))
    decided_by = models.ForeignKey(
        Staff,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refusals_decided",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    opinion = models.TextField(_("chief's opinion"), blank=True)
    # What the matter was before it was refused, to reopen it as it was when overturned.
    status_before = models.CharField(_("status before"), max_length=20, blank=True)
    due_before = models.DateField(_("due date before"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("refusal")
        verbose_name_plural = _("refusals")
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, inquiry__isnull=True)
                | Q(case__isnull=True, inquiry__isnull=False),
                name="refusal_of_a_case_or_an_inquiry",
            ),
            models.UniqueConstraint(
                fields=["case"], condition=Q(status__in=IN_FORCE), name="one_refusal_in_force_per_case"
            ),
            models.UniqueConstraint(
                fields=["inquiry"], condition=Q(status__in=IN_FORCE), name="one_refusal_in_force_per_inquiry"
            ),
        ]
        indexes = [
            models.Index(fields=["department", "status", "review_due"], name="refusal_queue_idx"),
            models.Index(fields=["officer", "filed_at"], name="refusal_officer_idx"),
        ]

    def __str__(self):
        return f"{self.number} {self.matter}"

    def get_absolute_url(self):
        return reverse("refusals:detail", args=[self.pk])

    @property
    def matter_number(self) -> str:
        return self.case.number if self.case_id else self.inquiry.number

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

    @property
    def notice_may_be_given(self) -> bool:
        """The applicant gets the refusal notice once the chief confirmed it, or
        at once when it was decided at the window (reviewed after); never overturned."""
        return self.status == RefusalStatus.CONFIRMED or (
            self.status == RefusalStatus.FILED and self.on_the_spot
        )


class ReviewStep(models.TextChoices):
    REMIND = "remind", _("Chief reminded: review due tomorrow")
    ESCALATE = "escalate", _("Escalated to the supervisors: review late")


class ReviewAlert(models.Model):
    """One reminder or escalation of a refusal's review: a row each, once."""

    refusal = models.ForeignKey(Refusal, on_delete=models.CASCADE, related_name="alerts")
    step = models.CharField(_("step"), max_length=20, choices=ReviewStep.choices)
    at = models.DateTimeField(_("sent at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["refusal", "step"], name="refusal_alert_once")]

    def __str__(self):
        return f"{self.refusal_id} {self.step}"


class FindingKind(models.TextChoices):
    OVERTURNED = "overturned", _("Refusal overturned")
    FILED_LATE = "filed_late", _("Refusal filed after the notice was given")
    UNFILED = "unfiled", _("Refused without a refusal filed")


class RefusalFinding(models.Model):
    """A fact that counts against a staff member (rules 7 and 8): one row per
    kind and matter or refusal, however often the job that finds it runs."""

    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind.choices)
    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("section"), on_delete=models.PROTECT, related_name="+"
    )
    refusal = models.ForeignKey(
        Refusal,
        verbose_name=_("refusal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
    )
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A one-time notice that said "cannot be accepted" with no refusal filed (rows from before rule 6).
    notice = models.ForeignKey(
        Notice,
        verbose_name=_("one-time notice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("refusal finding")
        verbose_name_plural = _("refusal findings")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "refusal"],
                condition=Q(refusal__isnull=False),
                name="finding_once_per_refusal",
            ),
            models.UniqueConstraint(
                fields=["kind", "case"], condition=Q(case__isnull=False), name="finding_once_per_case"
            ),
            models.UniqueConstraint(
                fields=["kind", "notice"], condition=Q(notice__isnull=False), name="finding_once_per_notice"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.staff} · {self.on}"
