"""Rule 5, one-time notification (一次性告知制).

When a matter cannot be handled at once, the visitor is told at once and in
full what the service item needs and which materials are missing, or why
the matter cannot be accepted at all. The notice keeps the catalogue
version it was issued from, so it reads the same after the item is revised.
When the visitor comes back, only what the notice listed may be asked for
("run at most once"): anything more needs the section chief's override,
recorded as a notice failure against the issuer (rules 7 and 8).
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.models import Material, MaterialForm, ServiceItem, ServiceItemVersion
from deadlines.models import Case
from inquiries.models import Inquiry
from org.models import Department, Staff


class NoticeKind(models.TextChoices):
    MISSING = "missing", _("Materials missing")
    NOT_ACCEPTABLE = "not_acceptable", _("Cannot be accepted")


class NoticeStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the materials")
    COMPLETE = "complete", _("Materials complete")
    CLOSED = "closed", _("Closed")


# A notice that cannot be accepted is issued closed; nothing else moves it back.
NOTICE_TRANSITIONS = {
    NoticeStatus.OPEN: {NoticeStatus.COMPLETE},
    NoticeStatus.COMPLETE: {NoticeStatus.CLOSED},
}


class Notice(models.Model):
    """A one-time notice (一次性告知单), issued from an inquiry or a case."""

    number = models.CharField(_("notice number"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices, default=NoticeKind.MISSING)
    status = models.CharField(
        _("status"), max_length=20, choices=NoticeStatus.choices, default=NoticeStatus.OPEN
    )
    service_item = models.ForeignKey(
        ServiceItem, verbose_name=_("service item"), on_delete=models.PROTECT, related_name="notices"
    )
    item_version = models.ForeignKey(
        ServiceItemVersion,
        verbose_name=_("service item version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    inquiry = models.ForeignKey(
        Inquiry,
        verbose_name=_("inquiry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
        help_text=_(
            "The case the notice was issued from, or the case opened once the materials were complete."
        ),
    )
    department = models.ForeignKey(
        Department, verbose_name=_("section"), on_delete=models.PROTECT, related_name="notices"
    )
    visitor_name = models.CharField(_("visitor's name"), max_length=100, blank=True)
    visitor_phone = models.CharField(_("visitor's phone"), max_length=20, blank=True)
    issued_by = models.ForeignKey(
        Staff, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="notices_issued"
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    reason = models.TextField(_("why it cannot be accepted"), blank=True)
    rule = models.TextField(_("the rule it rests on"), blank=True)
    note = models.TextField(_("what else the visitor was told"), blank=True)
    completed_at = models.DateTimeField(_("materials complete at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(inquiry__isnull=False) | Q(case__isnull=False), name="notice_has_a_source"
            ),
        ]
        indexes = [
            models.Index(fields=["department", "status", "issued_at"], name="notice_department_idx"),
            models.Index(fields=["issued_by", "issued_at"], name="notice_issuer_idx"),
            models.Index(fields=["status", "issued_at"], name="notice_status_idx"),
        ]
        verbose_name = _("one-time notice")
        verbose_name_plural = _("one-time notices")

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("notices:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == NoticeStatus.OPEN

    @property
    def from_case(self) -> bool:
        """Issued from a case already received (rather than from an inquiry)."""
        return self.inquiry_id is None


class NoticeVisit(models.Model):
    """The visitor came back on the notice; what they brought is recorded."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="visits")
    at = models.DateTimeField(_("time"), default=timezone.now)
    recorded_by = models.ForeignKey(
        Staff, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    complete = models.BooleanField(_("the materials were complete after this visit"), default=False)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("visit on a notice")
        verbose_name_plural = _("visits on notices")

    def __str__(self):
        return f"{self.notice.number} {self.at:%Y-%m-%d %H:%M}"


class NoticeFailure(models.Model):
    """A material demanded that the notice did not list, allowed by the section
    chief's override: a failure of the notice, counted against its issuer."""

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="failures")
    visit = models.ForeignKey(
        NoticeVisit, verbose_name=_("visit"), on_delete=models.PROTECT, related_name="failures"
    )
    material = models.ForeignKey(
        Material,
        verbose_name=_("catalogue material"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("material demanded"), max_length=200)
    staff = models.ForeignKey(
        Staff, verbose_name=_("counted against"), on_delete=models.PROTECT, related_name="notice_failures"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("section of the issuer"),
        on_delete=models.PROTECT,
        related_name="notice_failures",
    )
    overridden_by = models.ForeignKey(
        Staff, verbose_name=_("overridden by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason for the override"))
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["staff", "at"], name="notice_failure_staff_idx"),
            models.Index(fields=["department", "at"], name="notice_failure_dept_idx"),
        ]
        verbose_name = _("notice failure")
        verbose_name_plural = _("notice failures")

    def __str__(self):
        return f"{self.notice.number}: {self.name}"


class MaterialState(models.TextChoices):
    MISSING = "missing", _("Missing")
    BROUGHT = "brought", _("Brought")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class NoticeMaterial(models.Model):
    """A material of the item's version as the notice recorded it: brought
    when it was issued, not applicable to this applicant (with the reason), or
    missing until a visit brings it or settles it as not applicable. The
    fields are copied so that the notice reads the same whatever happens to
    the catalogue."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey(
        Material, verbose_name=_("catalogue material"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    form = models.CharField(_("form"), max_length=20, choices=MaterialForm.choices, blank=True)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    source = models.CharField(_("issued by / how to obtain"), max_length=200, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    condition = models.CharField(_("needed only when"), max_length=200, blank=True)
    missing = models.BooleanField(_("missing when issued"), default=True)
    not_applicable_reason = models.CharField(
        _("not applicable, with the reason"),
        max_length=300,
        blank=True,
        help_text=_("Empty unless the material is not applicable to this applicant."),
    )
    not_applicable_on_visit = models.ForeignKey(
        NoticeVisit,
        verbose_name=_("settled as not applicable on the visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="not_applicable",
    )
    brought_at = models.DateTimeField(_("brought"), null=True, blank=True)
    brought_on_visit = models.ForeignKey(
        NoticeVisit,
        verbose_name=_("brought on the visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="brought",
    )

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "material"], name="notice_material_once"),
            # Brought or not applicable, never both.
            models.CheckConstraint(
                condition=Q(brought_at__isnull=True) | Q(not_applicable_reason=""),
                name="notice_material_brought_or_not_applicable",
            ),
        ]
        verbose_name = _("material on a notice")
        verbose_name_plural = _("materials on notices")

    def __str__(self):
        return f"{self.notice.number}: {self.name}"

    @property
    def not_applicable(self) -> bool:
        return bool(self.not_applicable_reason)

    @property
    def state(self) -> str:
        if self.not_applicable:
            return MaterialState.NOT_APPLICABLE
        if self.missing and self.brought_at is None:
            return MaterialState.MISSING
        return MaterialState.BROUGHT

    @property
    def outstanding(self) -> bool:
        """Listed as missing and neither brought nor settled as not applicable since."""
        return self.state == MaterialState.MISSING

    @property
    def listed(self) -> bool:
        """Asked of the visitor by the notice: listed as missing and not settled as not applicable.
        Only these may be asked for on a return visit ("run at most once")."""
        return self.missing and not self.not_applicable
