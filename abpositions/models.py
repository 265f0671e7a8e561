"""Rule 4, A/B posts (AB岗位制): who is away, who covers, what was handed back.

The holders themselves are on ``org.Post`` (exactly one A and one B at any
time); this app owns how they change (``HolderChange``, approved by the
section's chief), the absences (``Absence``) from which cover is computed at
the moment of each action (``abpositions.cover``), and what covering leaves
behind: the chief's consent to B acting on A's urgent matter, B's notes, the
handover on A's return, and the uncovered periods the chief was alerted to.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from org.models import Post, Staff


class AbsenceKind(models.TextChoices):
    TRIP = "trip", _("business trip")
    MEETING = "meeting", _("meeting")
    LEAVE = "leave", _("leave")
    OTHER = "other", _("other")


def in_force(at) -> Q:
    """An absence counts from ``start`` (inclusive) to ``end`` (exclusive), unless cancelled."""
    return Q(start__lte=at, end__gt=at, cancelled_at__isnull=True)


class AbsenceQuerySet(models.QuerySet):
    def in_force(self, at):
        """The absences that count at ``at``: the one definition cover, lists and jobs read."""
        return self.filter(in_force(at))


class Absence(models.Model):
    """A staff member away (离岗) from ``start`` to ``end``; ended early by
    moving ``end`` to the moment they came back, cancelled before it began by
    ``cancelled_at``. Cover is computed from these rows, never from a flag."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="absences"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AbsenceKind.choices)
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    contact = models.CharField(
        _("reachable at"), max_length=100, help_text=_("Where the staff member can be reached while away.")
    )
    note = models.TextField(_("note"), blank=True)
    cover = models.ForeignKey(
        Staff,
        verbose_name=_("named cover"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who answers for the posts when both holders are away (named by the section chief)."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    ended_early_at = models.DateTimeField(_("back early at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = AbsenceQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        indexes = [models.Index(fields=["staff", "start", "end"], name="absence_staff_span")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="absence_ends_after_start")
        ]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")

    def __str__(self):
        return f"{self.staff} · {self.get_kind_display()}"


class HolderRole(models.TextChoices):
    A = "a", _("A holder")
    B = "b", _("B holder")


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the chief")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class HolderChange(models.Model):
    """A request to change a post's A or B holder, decided once by the chief
    of the post's section ("须经科室主要负责人批准")."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="holder_changes"
    )
    role = models.CharField(_("holder"), max_length=1, choices=HolderRole.choices)
    previous = models.ForeignKey(
        Staff, verbose_name=_("previous holder"), on_delete=models.PROTECT, related_name="+"
    )
    proposed = models.ForeignKey(
        Staff, verbose_name=_("new holder"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=16, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # One open request per post and holder: a second would race the first.
            models.UniqueConstraint(
                fields=["post", "role"],
                condition=Q(status="pending"),
                name="holder_change_one_pending_per_post_role",
            )
        ]
        verbose_name = _("holder change")
        verbose_name_plural = _("holder changes")

    def __str__(self):
        return f"{self.post} · {self.get_role_display()}"


class ConsentStatus(models.TextChoices):
    ASKED = "asked", _("asked")
    GRANTED = "granted", _("consented")
    DECLINED = "declined", _("declined")


class CoverConsent(models.Model):
    """B asks the section chief before acting on A's urgent matter
    ("请示本科室负责人同意后，处理A岗的急办事项"). The matter is named the way
    the audit trail names a subject, since it lives in a higher app."""

    absence = models.ForeignKey(
        Absence, verbose_name=_("absence"), on_delete=models.PROTECT, related_name="consents"
    )
    subject_type = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=64)
    subject_label = models.CharField(_("matter covered"), max_length=255)
    cover = models.ForeignKey(Staff, verbose_name=_("covering"), on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(_("chief asked at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=16, choices=ConsentStatus.choices, default=ConsentStatus.ASKED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-asked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["absence", "subject_type", "subject_id"],
                name="cover_consent_once_per_matter_and_absence",
            )
        ]
        verbose_name = _("consent to cover")
        verbose_name_plural = _("consents to cover")

    def __str__(self):
        return f"{self.subject_label} · {self.get_status_display()}"


class CoverNote(models.Model):
    """What B could not handle for A, on A's matter, kept for the handover."""

    absence = models.ForeignKey(
        Absence, verbose_name=_("absence"), on_delete=models.PROTECT, related_name="notes"
    )
    subject_type = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=64)
    subject_label = models.CharField(_("matter covered"), max_length=255)
    author = models.ForeignKey(
        Staff, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), default=timezone.now)
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["at"]
        verbose_name = _("cover note")
        verbose_name_plural = _("cover notes")

    def __str__(self):
        return f"{self.subject_label} · {self.author}"


class HandoverStatus(models.TextChoices):
    DRAFT = "draft", _("being written by the cover")
    HANDED = "handed", _("handed over, waiting for acknowledgement")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")


class Handover(models.Model):
    """交接: on A's return, what B did or received as acting for A in the
    absence, drawn from the audit trail; B hands it over, A acknowledges it."""

    absence = models.OneToOneField(
        Absence, verbose_name=_("absence"), on_delete=models.PROTECT, related_name="handover"
    )
    holder = models.ForeignKey(
        Staff, verbose_name=_("A holder"), on_delete=models.PROTECT, related_name="handovers_received"
    )
    cover = models.ForeignKey(
        Staff, verbose_name=_("cover"), on_delete=models.PROTECT, related_name="handovers_given"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=HandoverStatus.choices, default=HandoverStatus.DRAFT
    )
    remarks = models.TextField(_("remarks"), blank=True)
    created_at = models.DateTimeField(_("drawn up at"), default=timezone.now)
    handed_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    acknowledge_by = models.DateField(_("acknowledge by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    flagged = models.BooleanField(_("flagged late"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")

    def __str__(self):
        return f"{self.holder} ← {self.cover}"


class UncoveredPeriod(models.Model):
    """A post with both holders away and nobody named: one row per post and
    period (its start), so the chief is alerted once however often the job
    runs, or on however many workers."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="uncovered_periods"
    )
    since = models.DateTimeField(_("uncovered since"))
    alerted_at = models.DateTimeField(_("alerted at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("covered again at"), null=True, blank=True)

    class Meta:
        ordering = ["-since"]
        constraints = [
            models.UniqueConstraint(fields=["post", "since"], name="uncovered_once_per_post_and_period")
        ]
        verbose_name = _("uncovered period")
        verbose_name_plural = _("uncovered periods")

    def __str__(self):
        return f"{self.post} · {self.since:%Y-%m-%d %H:%M}"
