"""Rule 8, efficiency evaluation (效能考评制): the public's ratings (好差评).

Every completed case may be rated once (一事一评) from the link printed on its
receipt (a signed token, so the link exists from the day the case is
received), on five levels; the last two (不满意, 非常不满意) are poor ratings
(差评) and need a reason. A case left unrated gets the bureau's default rating
after the set days, stored as a default and kept out of the active figures.
A poor rating opens a ``FollowUp`` (差评整改) for the handler's section: called
back, fixed within the set working days, graded by the rater; the section may
appeal a wrong or malicious rating (申诉复核), and an upheld appeal excludes it.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deadlines.models import Case
from org.models import Department, Staff


class Level(models.IntegerChoices):
    VERY_SATISFIED = 5, _("Very satisfied (非常满意)")
    SATISFIED = 4, _("Satisfied (满意)")
    BASICALLY_SATISFIED = 3, _("Basically satisfied (基本满意)")
    DISSATISFIED = 2, _("Dissatisfied (不满意)")
    VERY_DISSATISFIED = 1, _("Very dissatisfied (非常不满意)")


POOR_LEVELS = (Level.DISSATISFIED, Level.VERY_DISSATISFIED)


class RatingChannel(models.TextChoices):
    QR = "qr", _("QR code on the receipt")
    SMS = "sms", _("Link in a text message")
    WEB = "web", _("The bureau's website")
    DEVICE = "device", _("Rating device at the window")
    OTHER = "other", _("Other")
    DEFAULT = "default", _("Default rating (not rated in time)")


class PoorReason(models.Model):
    """A reason the bureau offers to tick with a poor rating (e.g. 办事效率低)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("poor rating reason")
        verbose_name_plural = _("poor rating reasons")

    def __str__(self):
        return self.name


class Rating(models.Model):
    """The one rating of a case, never changed."""

    case = models.OneToOneField(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="rating")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    reason = models.TextField(_("reason"), blank=True)
    tags = models.ManyToManyField(PoorReason, verbose_name=_("reasons ticked"), blank=True, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=RatingChannel.choices)
    is_default = models.BooleanField(_("default rating"), default=False)
    rated_at = models.DateTimeField(_("rated at"))
    # Whose service was rated, as it was when rated.
    staff = models.ForeignKey(
        Staff, verbose_name=_("handler"), on_delete=models.PROTECT, related_name="ratings_received"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("section"), on_delete=models.PROTECT, related_name="ratings"
    )
    named = models.BooleanField(_("rater named"), default=False)
    excluded = models.BooleanField(_("excluded after an appeal"), default=False)

    class Meta:
        ordering = ["-rated_at", "-pk"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        indexes = [
            # A period's ratings, whoever's (the figures' grouped queries, bench/evaluate.py).
            models.Index(fields=["rated_at"], name="rating_rated_idx"),
            models.Index(fields=["department", "rated_at"], name="rating_department_idx"),
            models.Index(fields=["staff", "rated_at"], name="rating_staff_idx"),
        ]

    def __str__(self):
        return f"{self.case.number}: {self.level}"

    @property
    def poor(self) -> bool:
        return self.level in POOR_LEVELS


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the call-back")
    CALLED = "called", _("Called back, being fixed")
    FIXED = "fixed", _("Fixed")
    EXCLUDED = "excluded", _("Rating excluded after an appeal")


class Grade(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied (满意)")
    BASICALLY = "basically", _("Basically satisfied (基本满意)")
    DISSATISFIED = "dissatisfied", _("Dissatisfied (不满意)")


class AppealStatus(models.TextChoices):
    FILED = "filed", _("Waiting for a supervisor")
    UPHELD = "upheld", _("Upheld: the rating excluded")
    DISMISSED = "dismissed", _("Dismissed: the rating stands")


class FollowUp(models.Model):
    """差评整改: a poor rating followed up by the handler's section, 谁办理谁负责."""

    rating = models.OneToOneField(
        Rating, verbose_name=_("rating"), on_delete=models.PROTECT, related_name="follow_up"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("section"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    assigned_to = models.ForeignKey(
        Staff, verbose_name=_("assigned to"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    due = models.DateField(_("fix by"))
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    called_at = models.DateTimeField(_("called back at"), null=True, blank=True)
    called_by = models.ForeignKey(
        Staff,
        verbose_name=_("called back by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    call_note = models.TextField(_("what was said"), blank=True)
    fixed_at = models.DateTimeField(_("fixed at"), null=True, blank=True)
    fixed_by = models.ForeignKey(
        Staff, verbose_name=_("fixed by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fix_note = models.TextField(_("what was done"), blank=True)
    grade = models.CharField(_("rater's grade of the fix"), max_length=12, choices=Grade.choices, blank=True)
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    appeal_status = models.CharField(_("appeal"), max_length=10, choices=AppealStatus.choices, blank=True)
    appeal_reason = models.TextField(_("why the rating is wrong"), blank=True)
    appeal_evidence = models.FileField(_("evidence"), upload_to="rating-appeals/%Y/", blank=True)
    appealed_at = models.DateTimeField(_("appealed at"), null=True, blank=True)
    appealed_by = models.ForeignKey(
        Staff,
        verbose_name=_("appealed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appeal_decided_by = models.ForeignKey(
        Staff,
        verbose_name=_("appeal decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appeal_decided_at = models.DateTimeField(_("appeal decided at"), null=True, blank=True)
    appeal_opinion = models.TextField(_("supervisor's reasons"), blank=True)

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("follow-up of a poor rating")
        verbose_name_plural = _("follow-ups of poor ratings")
        indexes = [models.Index(fields=["status", "due"], name="follow_up_due_idx")]

    def __str__(self):
        return f"{self.rating.case.number}: {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("evaluation:follow_up", args=[self.pk])


class FollowUpStep(models.TextChoices):
    REMIND = "remind", _("Reminder before the fix is due")
    ESCALATE = "escalate", _("Not fixed in time: escalated to the supervisors")


class FollowUpAlert(models.Model):
    """One reminder or escalation of a follow-up, taken once."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="alerts")
    step = models.CharField(_("step"), max_length=10, choices=FollowUpStep.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["follow_up", "step"], name="follow_up_alert_once")]
        verbose_name = _("follow-up alert")
        verbose_name_plural = _("follow-up alerts")

    def __str__(self):
        return f"{self.follow_up_id} {self.step}"


class ScoreScheme(models.Model):
    """The weights and caps a period is scored with: a new version from a date,
    never an edit, so a period keeps the scheme that was in force then."""

    valid_from = models.DateField(_("in force from"), unique=True)
    base = models.PositiveSmallIntegerField(_("base score"), default=100)
    # figure key -> {"points": points per unit (negative deducts), "cap": most points either way}
    rules = models.JSONField(_("points per figure"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("score scheme")
        verbose_name_plural = _("score schemes")

    def __str__(self):
        return f"{self.valid_from:%Y-%m-%d}"


class Snapshot(models.Model):
    """A closed period's figures and scores, frozen; a correction is a new revision, with who and why."""

    period = models.CharField(_("period"), max_length=10)
    level = models.CharField(_("level"), max_length=12)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    scheme = models.ForeignKey(ScoreScheme, verbose_name=_("score scheme"), on_delete=models.PROTECT)
    rows = models.JSONField(_("figures and scores"))
    created_at = models.DateTimeField(_("frozen at"), default=timezone.now)
    created_by = models.ForeignKey(
        Staff, verbose_name=_("revised by"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("why revised"), blank=True)

    class Meta:
        ordering = ["period", "level", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["period", "level", "revision"], name="snapshot_revision_once"),
        ]
        verbose_name = _("evaluation snapshot")
        verbose_name_plural = _("evaluation snapshots")

    def __str__(self):
        return f"{self.period} {self.level} r{self.revision}"
