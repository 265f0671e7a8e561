"""The official working-day calendar: which years are published, and the
days that differ from the plain Monday-to-Friday week."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 1949
LAST_YEAR = 2100


class CalendarYear(models.Model):
    """A year whose official holiday schedule is published and entered.

    A row's existence is what makes the year's dates countable: a year with
    no row is unknown, and counting through it raises rather than guesses.
    """

    class Source(models.TextChoices):
        PACKAGE = "package", _("chinesecalendar package")
        MANUAL = "manual", _("entered or corrected by an administrator")

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.MANUAL)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("For example the State Council notice the schedule comes from."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__in=["package", "manual"]),
                name="workdays_calendaryear_source_valid",
            ),
        ]

    def __str__(self):
        return str(self.year)


class SpecialDay(models.Model):
    """A public holiday (法定节假日) or a make-up working day (调休) on a weekend."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday (day off)")
        WORKDAY = "workday", _("Make-up working day")

    calendar_year = models.ForeignKey(
        CalendarYear,
        verbose_name=_("calendar year"),
        on_delete=models.CASCADE,
        related_name="special_days",
    )
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=64, blank=True, help_text=_("For example 春节."))

    class Meta:
        ordering = ["date"]
        verbose_name = _("special day")
        verbose_name_plural = _("special days")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["holiday", "workday"]), name="workdays_specialday_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.date is not None
            and self.calendar_year_id is not None
            and self.date.year != self.calendar_year.year
        ):
            errors["date"] = _("This date is not in %(year)s, the calendar year it is filed under.") % {
                "year": self.calendar_year.year
            }
        if self.date is not None and self.kind == self.Kind.WORKDAY and self.date.weekday() < 5:
            errors["kind"] = _(
                "A make-up working day falls on a Saturday or Sunday; a weekday is a working day already."
            )
        if errors:
            raise ValidationError(errors)
