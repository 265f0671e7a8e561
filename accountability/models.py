"""Rule 7, accountability (责任追究制).

Every violation the rules below record becomes one ``Record`` (问责记录),
unique on its source (the kind of fact and its row), carded yellow (黄牌) to
the person responsible and their chief, explained by the person (情况说明),
turned red (红牌) for the supervisors when still unresolved at its
supervision deadline, appealable once (申诉), and decided by a supervisor.
A decision is never edited: a correction is a new ``Decision`` that
supersedes the one before, visibly.

Efficiency complaints (效能投诉) come from the public or staff; a complaint
answered as upheld against a person or section opens a record too.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from org.models import Department, Staff


class Source(models.TextChoices):
    OVERDUE_CASE = "overdue_case", _("Case overdue")
    REFUSAL_OVERTURNED = "refusal_overturned", _("Refusal overturned")
    REFUSAL_UNFILED = "refusal_unfiled", _("Refused without filing")
    NOTICE_FAILURE = "notice_failure", _("One-time notice failure")
    BREACH = "breach", _("Breach of the service commitments")
    INQUIRY_UNOWNED = "inquiry_unowned", _("Inquiry or transfer left without an owner")
    POST_UNCOVERED = "post_uncovered", _("Post left uncovered")
    HANDOVER_LATE = "handover_late", _("Handover not acknowledged in time")
    POOR_RATING = "poor_rating", _("Poor rating without follow-up")
    COMPLAINT = "complaint", _("Upheld efficiency complaint")


class Card(models.TextChoices):
    YELLOW = "yellow", _("Yellow card")
    RED = "red", _("Red card")


class RecordStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the explanation")
    EXPLAINED = "explained", _("Explained, waiting for the decision")
    DECIDED = "decided", _("Decided")


class Record(models.Model):
    """One violation, from one source row, for one person or section."""

    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    source_id = models.PositiveBigIntegerField(_("source row"))
    # What the source was called when the record was opened: a case or notice number, a post's name.
    reference = models.CharField(_("about"), max_length=200)
    summary = models.TextField(_("what happened"))
    staff = models.ForeignKey(
        Staff,
        verbose_name=_("staff member responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accountability_records",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("section"), on_delete=models.PROTECT, related_name="accountability_records"
    )
    occurred_on = models.DateField(_("occurred on"))
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=RecordStatus.choices, default=RecordStatus.OPEN
    )
    card = models.CharField(_("card"), max_length=10, choices=Card.choices, blank=True)
    explain_due = models.DateField(_("explanation due"))
    red_due = models.DateField(_("turns red after"))
    explanation = models.TextField(_("explanation (情况说明)"), blank=True)
    explained_at = models.DateTimeField(_("explained at"), null=True, blank=True)
    decision = models.OneToOneField(
        "Decision",
        verbose_name=_("decision in force"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="current_of",
    )

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("accountability record")
        verbose_name_plural = _("accountability records")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="record_once_per_source"),
        ]
        indexes = [
            models.Index(fields=["status", "card", "red_due"], name="record_card_idx"),
            models.Index(fields=["staff", "occurred_on"], name="record_staff_idx"),
            models.Index(fields=["department", "occurred_on"], name="record_department_idx"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("accountability:record", args=[self.pk])

    @property
    def number(self) -> str:
        """Records are opened in batches by a job: numbered by their row (ZR00000042)."""
        return f"ZR{self.pk:08d}" if self.pk else ""


class CardStep(models.Model):
    """A card shown once: yellow when the record opens, red when it is still
    unresolved at its supervision deadline."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="card_steps")
    card = models.CharField(_("card"), max_length=10, choices=Card.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["record", "card"], name="card_step_once")]
        verbose_name = _("card step")
        verbose_name_plural = _("card steps")

    def __str__(self):
        return f"{self.record.number} {self.card}"


class Outcome(models.TextChoices):
    NONE = "none", _("No responsibility")
    CRITICISM = "criticism", _("Criticism and education (批评教育)")
    WARNING = "warning", _("Efficiency warning (效能告诫)")
    CIRCULATED = "circulated", _("Circulated criticism (通报批评)")
    OTHER = "other", _("Another measure")


class Measure(models.Model):
    """Another measure the bureau names (e.g. 诫勉谈话, 调离窗口岗位)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("other measure")
        verbose_name_plural = _("other measures")

    def __str__(self):
        return self.name


class Decision(models.Model):
    """A supervisor's decision on a record, never edited; a correction supersedes it."""

    record = models.ForeignKey(
        Record, verbose_name=_("record"), on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    findings = models.TextField(_("findings"))
    decided_by = models.ForeignKey(
        Staff, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    correction_reason = models.TextField(_("why corrected"), blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged by the person at"), null=True, blank=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="other") | Q(measure__isnull=False), name="other_outcome_names_a_measure"
            ),
        ]

    def __str__(self):
        return f"{self.record.number}: {self.get_outcome_display()}"

    @property
    def outcome_label(self) -> str:
        if self.outcome == Outcome.OTHER and self.measure_id:
            return self.measure.name
        return self.get_outcome_display()


class Evidence(models.Model):
    """A file kept with a record: uploaded by the deciding supervisor, or with an appeal."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="accountability/%Y/")
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        Staff, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    for_appeal = models.BooleanField(_("with the appeal"), default=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.name


class AppealStatus(models.TextChoices):
    FILED = "filed", _("Waiting for a supervisor")
    UPHELD = "upheld", _("Upheld: the card withdrawn")
    DISMISSED = "dismissed", _("Dismissed: the card stands")


class Appeal(models.Model):
    """The responsible person's appeal (申诉) against a record's card, once per record."""

    record = models.OneToOneField(
        Record, verbose_name=_("record"), on_delete=models.PROTECT, related_name="appeal"
    )
    by = models.ForeignKey(Staff, verbose_name=_("appealed by"), on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField(_("reasons"))
    filed_at = models.DateTimeField(_("appealed at"))
    decide_due = models.DateField(_("to be decided by"))
    status = models.CharField(
        _("status"), max_length=20, choices=AppealStatus.choices, default=AppealStatus.FILED
    )
    decided_by = models.ForeignKey(
        Staff, verbose_name=_("decided by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    opinion = models.TextField(_("supervisor's reasons"), blank=True)

    class Meta:
        ordering = ["decide_due", "pk"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self):
        return f"{self.record.number}: {self.get_status_display()}"


class Threshold(models.TextChoices):
    REMOVE_FROM_FRONT_DESK = "front_desk", _("Removed from a front-desk post (upheld complaints)")
    BAR_EXCELLENT = "excellent", _("Barred from an 'excellent' annual rating (efficiency warnings)")


class ThresholdCrossed(models.Model):
    """A person crossing one of the bureau's thresholds in a year: alerted once."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    threshold = models.CharField(_("threshold"), max_length=20, choices=Threshold.choices)
    count = models.PositiveSmallIntegerField(_("count when crossed"))
    limit = models.PositiveSmallIntegerField(_("the bureau's limit then"))
    at = models.DateTimeField(_("crossed at"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "year", "threshold"], name="threshold_crossed_once"),
        ]
        verbose_name = _("threshold crossed")
        verbose_name_plural = _("thresholds crossed")

    def __str__(self):
        return f"{self.staff} {self.year} {self.threshold}"


class ComplaintChannel(models.TextChoices):
    WEB = "web", _("Public website")
    PHONE = "phone", _("By phone, logged at the desk")
    DESK = "desk", _("In person, logged at the desk")
    STAFF = "staff", _("From a staff member")
    API = "api", _("Another system (API)")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received, waiting to be accepted")
    ACCEPTED = "accepted", _("Accepted, being investigated")
    DECLINED = "declined", _("Declined")
    ANSWERED = "answered", _("Answered")


class Complaint(models.Model):
    """An efficiency complaint (效能投诉), numbered TS…"""

    number = models.CharField(_("complaint number"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=ComplaintChannel.choices)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("what happened"))
    complainant_name = models.CharField(_("complainant"), max_length=100, blank=True)
    complainant_phone = models.CharField(_("complainant's phone"), max_length=20, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    about_staff = models.ForeignKey(
        Staff,
        verbose_name=_("about staff member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    about_department = models.ForeignKey(
        Department,
        verbose_name=_("about section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    about_number = models.CharField(_("about matter number"), max_length=30, blank=True)
    logged_by = models.ForeignKey(
        Staff, verbose_name=_("logged by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"))
    accept_due = models.DateField(_("accept or decline by"))
    status = models.CharField(
        _("status"), max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    decline_reason = models.TextField(_("why declined"), blank=True)
    answer_due = models.DateField(_("answer by"), null=True, blank=True)
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    extend_reason = models.TextField(_("why extended"), blank=True)
    investigation = models.TextField(_("investigation notes"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    upheld = models.BooleanField(_("upheld"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        Staff, verbose_name=_("supervisor"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("efficiency complaint")
        verbose_name_plural = _("efficiency complaints")
        indexes = [models.Index(fields=["status", "accept_due", "answer_due"], name="complaint_due_idx")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("accountability:complaint", args=[self.pk])

    @property
    def department_id_in_question(self):
        if self.about_department_id:
            return self.about_department_id
        return self.about_staff.department_id if self.about_staff_id else None


class ComplaintStep(models.TextChoices):
    ACCEPT_REMIND = "accept_remind", _("Reminder: accept or decline")
    ACCEPT_LATE = "accept_late", _("Late to accept: escalated")
    ANSWER_REMIND = "answer_remind", _("Reminder: answer")
    ANSWER_LATE = "answer_late", _("Late to answer: escalated")


class ComplaintAlert(models.Model):
    """One reminder or escalation of a complaint's step, taken once."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="alerts")
    step = models.CharField(_("step"), max_length=20, choices=ComplaintStep.choices)
    due = models.DateField(_("for the due date"))
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "step", "due"], name="complaint_alert_once"),
        ]
        verbose_name = _("complaint alert")
        verbose_name_plural = _("complaint alerts")

    def __str__(self):
        return f"{self.complaint.number} {self.step}"
