"""Rule 1, first-inquiry responsibility (首问责任制).

An inquiry is one contact from a member of the public. The staff member
asked first (of those asked together, the highest in rank) is its first
responder and answers for it until it is closed: with an outcome of their
own, a one-time notice (rule 5), a transfer the handler acknowledges, a
referral to another section, or an explanation for a matter outside the
bureau. A transfer the handler acknowledges makes the handler its owner: it
stays in their open work until they record what became of it. Nothing is
left without an owner: a job flags what has no outcome or no acknowledgement
in time and tells the section chief, once.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.models import ServiceItem
from deadlines.models import Case
from org.models import Department, Staff


class Channel(models.TextChoices):
    VISIT = "visit", _("In person")
    PHONE = "phone", _("By phone")
    LETTER = "letter", _("By letter")
    ONLINE = "online", _("Online")


class InquiryKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation (咨询)")
    APPLICATION = "application", _("Application for a service (办事)")
    REPORT = "report", _("Report or complaint (举报投诉)")
    CONTACT = "contact", _("Other contact (联系工作)")


class InquiryStatus(models.TextChoices):
    OPEN = "open", _("Awaiting an outcome")
    NOTICE = "notice", _("One-time notice issued")
    TRANSFERRED = "transferred", _("Transferred, awaiting acknowledgement")
    ACKNOWLEDGED = "acknowledged", _("Taken over by the handler, awaiting their outcome")
    CLOSED = "closed", _("Closed")


# The only moves an inquiry's status makes (inquiries.services sets it through this map).
# An acknowledged transfer is not closed: the handler still owes the visitor an outcome.
INQUIRY_TRANSITIONS = {
    InquiryStatus.OPEN: {InquiryStatus.NOTICE, InquiryStatus.TRANSFERRED, InquiryStatus.CLOSED},
    InquiryStatus.NOTICE: {InquiryStatus.CLOSED},
    InquiryStatus.TRANSFERRED: {InquiryStatus.ACKNOWLEDGED},
    InquiryStatus.ACKNOWLEDGED: {InquiryStatus.NOTICE, InquiryStatus.CLOSED},
    # Only when its refusal is overturned (rule 6, inquiries.services.inquiry_reopen).
    InquiryStatus.CLOSED: {InquiryStatus.OPEN, InquiryStatus.ACKNOWLEDGED},
}


class Outcome(models.TextChoices):
    HANDLED = "handled", _("Handled now (当即办理)")
    NOTICE = "notice", _("Cannot be handled now: one-time notice (一次性告知)")
    TRANSFER = "transfer", _("Accepted and transferred to the absent handler (受理转交)")
    REFER = "refer", _("Another section: referred or told its contact (引导/告知)")
    EXTERNAL = "external", _("Outside the bureau: explained (告知承办部门)")
    REFUSED = "refused", _("Refused, with a refusal filed (不予受理)")


class ReferMode(models.TextChoices):
    GUIDED = "guided", _("Guided to the section")
    CONTACT = "contact", _("Given the section's contact (no one there)")


OPEN_INQUIRY_STATUSES = (InquiryStatus.OPEN, InquiryStatus.TRANSFERRED, InquiryStatus.ACKNOWLEDGED)
# Waiting for its owner to record an outcome: the first responder's, or the handler's after a transfer.
AWAITING_OUTCOME_STATUSES = (InquiryStatus.OPEN, InquiryStatus.ACKNOWLEDGED)


class InquiryQuerySet(models.QuerySet):
    def reports(self):
        return self.filter(kind=InquiryKind.REPORT)

    def not_reports(self):
        return self.exclude(kind=InquiryKind.REPORT)


class Inquiry(models.Model):
    """One contact from the public (来访/来电/来信/网上咨询)."""

    number = models.CharField(_("inquiry number"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.VISIT)
    kind = models.CharField(_("kind"), max_length=20, choices=InquiryKind.choices)
    visitor_name = models.CharField(_("visitor's name"), max_length=100, blank=True)
    visitor_phone = models.CharField(_("visitor's phone"), max_length=20, blank=True)
    visitor_id_number = models.CharField(_("visitor's ID number"), max_length=18, blank=True)
    subject = models.CharField(_("matter asked about"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    service_item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries",
    )
    asked_staff = models.ManyToManyField(
        Staff, verbose_name=_("staff asked"), through="AskedStaff", related_name="inquiries_asked"
    )
    first_responder = models.ForeignKey(
        Staff, verbose_name=_("first responder"), on_delete=models.PROTECT, related_name="first_inquiries"
    )
    # Who answers for it now: the first responder, until a handler acknowledges
    # a transfer of it; the first responder stays on record as first responder.
    owner = models.ForeignKey(
        Staff, verbose_name=_("answers for it now"), on_delete=models.PROTECT, related_name="owned_inquiries"
    )
    tie_settled = models.BooleanField(
        _("tie settled at the desk"),
        default=False,
        help_text=_(
            "Several of the highest rank were asked together and the desk chose the first responder."
        ),
    )
    department = models.ForeignKey(
        Department, verbose_name=_("section"), on_delete=models.PROTECT, related_name="inquiries"
    )
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    outcome_due = models.DateField(_("outcome due"))
    status = models.CharField(
        _("status"), max_length=20, choices=InquiryStatus.choices, default=InquiryStatus.OPEN
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("what the visitor was told"), blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    outcome_by = models.ForeignKey(
        Staff, verbose_name=_("outcome by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    refer_department = models.ForeignKey(
        Department,
        verbose_name=_("referred to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries_referred",
    )
    refer_mode = models.CharField(_("how referred"), max_length=20, choices=ReferMode.choices, blank=True)
    external_department = models.CharField(_("competent department"), max_length=200, blank=True)
    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, null=True, blank=True, related_name="inquiry"
    )
    flagged = models.BooleanField(_("flagged: no outcome in time"), default=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at", "-id"]
        indexes = [
            models.Index(fields=["first_responder", "status", "asked_at"], name="inquiry_responder_idx"),
            models.Index(fields=["owner", "status", "asked_at"], name="inquiry_owner_idx"),
            models.Index(fields=["department", "status", "asked_at"], name="inquiry_department_idx"),
            models.Index(fields=["status", "outcome_due"], name="inquiry_status_due_idx"),
            models.Index(fields=["kind", "asked_at"], name="inquiry_kind_idx"),
        ]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("inquiries:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status != InquiryStatus.CLOSED

    @property
    def awaits_outcome(self) -> bool:
        """Its owner (the first responder, or the handler who took it over) has an outcome to record."""
        return self.status in AWAITING_OUTCOME_STATUSES


class AskedStaff(models.Model):
    """A staff member asked at the first contact, in the order the desk entered them."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="asked")
    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("order entered"))

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "staff"], name="asked_once_per_inquiry")]
        verbose_name = _("staff asked")
        verbose_name_plural = _("staff asked")

    def __str__(self):
        return f"{self.inquiry.number}: {self.staff.name}"


class Transfer(models.Model):
    """受理转交: accepted for the absent handler of the own section, who must acknowledge it."""

    inquiry = models.OneToOneField(Inquiry, on_delete=models.CASCADE, related_name="transfer")
    to = models.ForeignKey(
        Staff, verbose_name=_("transferred to"), on_delete=models.PROTECT, related_name="transfers"
    )
    by = models.ForeignKey(
        Staff, verbose_name=_("transferred by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("transferred at"), default=timezone.now)
    note = models.TextField(_("what was accepted"), blank=True)
    acknowledge_by = models.DateField(_("to be acknowledged by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    flagged = models.BooleanField(_("flagged: not acknowledged in time"), default=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["to", "acknowledged_at"], name="transfer_inbox_idx")]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self):
        return f"{self.inquiry.number} → {self.to.name}"


class OwnerStep(models.TextChoices):
    NO_OUTCOME = "no_outcome", _("No outcome in time: told the section chief")
    NOT_ACKNOWLEDGED = "not_acknowledged", _("Transfer not acknowledged in time: told the section chief")
    NO_HANDLER_OUTCOME = (
        "no_handler_outcome",
        _("Acknowledged transfer with no outcome in time: told the section chief"),
    )


class OwnerAlert(models.Model):
    """One escalation of an inquiry left without an owner. Unique per step, so
    the job tells the chief once, however often and wherever it runs."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="alerts")
    step = models.CharField(_("step"), max_length=20, choices=OwnerStep.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "step"], name="owner_alert_once")]
        verbose_name = _("owner alert")
        verbose_name_plural = _("owner alerts")

    def __str__(self):
        return f"{self.inquiry.number}: {self.step}"
