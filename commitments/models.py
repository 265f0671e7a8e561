"""Rule 3, service commitments: the service catalogue, the board texts, breaches.

A service item is a stable identity (code, department); everything the
public is told about it lives in immutable versions. Revising an item
makes a new version, so a case or notice that recorded version 3 keeps
reading version 3's materials and time limits.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from org.models import Department, Staff


class ServiceItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True, current__isnull=False)

    def with_current(self):
        return self.select_related("department", "current").prefetch_related("current__materials")


class ServiceItem(models.Model):
    """A service the bureau offers (服务事项)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="service_items"
    )
    post = models.ForeignKey(
        "org.Post",
        verbose_name=_("responsible post"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_items",
        help_text=_("The post (岗位) that answers for this item: its A holder, or B while A is away."),
    )
    published = models.BooleanField(_("published on the public board"), default=True)
    current = models.OneToOneField(
        "ServiceItemVersion",
        verbose_name=_("version in force"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ServiceItemQuerySet.as_manager()

    class Meta:
        ordering = ["department__order", "code"]
        verbose_name = _("service item")
        verbose_name_plural = _("service items")

    def __str__(self):
        return f"{self.code} {self.current.name}" if self.current_id else self.code


class ServiceItemVersion(models.Model):
    """What the public is told about an item, as it stood from ``created_at`` on. Never edited."""

    item = models.ForeignKey(
        ServiceItem, verbose_name=_("service item"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=200)
    basis = models.TextField(_("basis (办事依据)"))
    conditions = models.TextField(_("conditions"), blank=True)
    procedure = models.TextField(_("procedure"), blank=True)
    statutory_days = models.PositiveSmallIntegerField(
        _("statutory time limit (working days)"),
        null=True,
        blank=True,
        help_text=_("Empty when the law sets none."),
    )
    committed_days = models.PositiveSmallIntegerField(
        _("committed time limit (working days)"), help_text=_("0 means handled on the spot (当场办结).")
    )
    fees = models.TextField(_("fees"), blank=True, help_text=_("Empty means free of charge."))
    fee_basis = models.TextField(_("basis of the fees"), blank=True)
    service_standard = models.TextField(_("service standard"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    consult_channel = models.CharField(_("consulting channel"), max_length=200, blank=True)
    complaint_channel = models.CharField(_("complaint channel"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("in force from"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)

    class Meta:
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="service_item_version_unique"),
            models.CheckConstraint(
                condition=Q(statutory_days__isnull=True) | Q(committed_days__lte=models.F("statutory_days")),
                name="committed_within_statutory",
            ),
        ]
        verbose_name = _("service item version")
        verbose_name_plural = _("service item versions")

    def __str__(self):
        return f"{self.name} (v{self.number})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("a service item version is never edited; revise the item instead")
        super().save(*args, **kwargs)

    @property
    def on_the_spot(self) -> bool:
        return self.committed_days == 0


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")
    ORIGINAL_AND_COPY = "original_and_copy", _("Original and copy")
    ELECTRONIC = "electronic", _("Electronic")


class Material(models.Model):
    """A material an application needs, as one version of an item lists it."""

    version = models.ForeignKey(ServiceItemVersion, on_delete=models.CASCADE, related_name="materials")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    form = models.CharField(
        _("form"), max_length=20, choices=MaterialForm.choices, default=MaterialForm.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    source = models.CharField(_("issued by / how to obtain"), max_length=200, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    condition = models.CharField(
        _("needed only when"),
        max_length=200,
        blank=True,
        help_text=_(
            "Empty when every applicant provides it. Otherwise the case in which it is needed, "
            "e.g. 委托他人办理时提供: a notice may then mark it not applicable to the applicant."
        ),
    )

    class Meta:
        ordering = ["version", "order", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.name

    @property
    def conditional(self) -> bool:
        """Needed only in the case its condition names (委托他人办理时提供), not from every applicant."""
        return bool(self.condition)


class BoardText(models.Model):
    """A section of the commitment rules as the bureau writes them (公示内容)."""

    class Kind(models.TextChoices):
        STANDARDS = "standards", _("Service standards")
        PROMISES = "promises", _("What we promise")
        BREACH = "breach", _("If we break a promise")
        COMPLAINTS = "complaints", _("How to complain")

    kind = models.CharField(_("board section"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("heading"), max_length=100)
    body = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "kind"]
        verbose_name = _("board text")
        verbose_name_plural = _("board texts")

    def __str__(self):
        return self.title


class BreachOutcome(models.TextChoices):
    PENDING = "pending", _("Awaiting a decision")
    CRITICISM = "criticism", _("Criticism and education")
    ACCOUNTABILITY = "accountability", _("Passed on to accountability")
    DISMISSED = "dismissed", _("Not a breach")


BREACH_TRANSITIONS = {
    BreachOutcome.PENDING: {BreachOutcome.CRITICISM, BreachOutcome.ACCOUNTABILITY, BreachOutcome.DISMISSED},
}


class Breach(models.Model):
    """A breach of the service commitments (违诺), recorded against a staff member and an item."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="breaches"
    )
    item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="breaches",
    )
    item_version = models.ForeignKey(
        ServiceItemVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    occurred_on = models.DateField(_("occurred on"))
    promised = models.TextField(_("what was promised"))
    happened = models.TextField(_("what happened"))
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="breach-evidence/%Y/", blank=True)
    complaint_received = models.BooleanField(
        _("a complaint was received or it had a bad effect"),
        default=False,
        help_text=_("Such a breach goes to accountability (rule 7)."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=BreachOutcome.choices, default=BreachOutcome.PENDING
    )
    outcome_note = models.TextField(_("outcome note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["outcome", "occurred_on"], name="breach_outcome_idx")]
        verbose_name = _("commitment breach")
        verbose_name_plural = _("commitment breaches")

    def __str__(self):
        return f"{self.staff} {self.occurred_on}"
