"""Administrators correct the calendar and enter next year's schedule here.

Any change made here marks the year "manual", so that reseeding from the
package leaves it alone, and every change writes an audit event.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AuditedAdminMixin
from audit.services import record_event, snapshot
from workdays.models import CalendarYear, SpecialDay
from workdays.services import calendar_year_mark_manual

MANUAL_REASON = "changed in the admin"


class SpecialDayInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        year = self.instance.year
        if year is None:
            return
        for form in self.forms:
            if form.errors or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            day = form.cleaned_data.get("date")
            if day is not None and day.year != year:
                form.add_error(
                    "date",
                    ValidationError(
                        _("This date is not in %(year)s, the calendar year it is filed under."),
                        params={"year": year},
                    ),
                )


class SpecialDayInline(admin.TabularInline):
    model = SpecialDay
    formset = SpecialDayInlineFormSet
    fields = ["date", "weekday", "kind", "name"]
    readonly_fields = ["weekday"]
    extra = 3
    ordering = ["date"]

    @admin.display(description=_("weekday"))
    def weekday(self, obj):
        return WEEKDAYS[obj.date.weekday()] if obj.date else ""


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["year", "source", "holiday_count", "make_up_count", "updated_at", "note"]
    list_filter = ["source"]
    fields = ["year", "note", "source", "updated_at"]
    inlines = [SpecialDayInline]

    def get_readonly_fields(self, request, obj=None):
        # Its special days are filed under the year, so a year is not renumbered.
        return ["source", "updated_at", "year"] if obj is not None else ["source", "updated_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                holiday_total=Count("special_days", filter=Q(special_days__kind=SpecialDay.Kind.HOLIDAY)),
                make_up_total=Count("special_days", filter=Q(special_days__kind=SpecialDay.Kind.WORKDAY)),
            )
        )

    @admin.display(description=_("public holidays"), ordering="holiday_total")
    def holiday_count(self, obj):
        return obj.holiday_total

    @admin.display(description=_("make-up working days"), ordering="make_up_total")
    def make_up_count(self, obj):
        return obj.make_up_total

    def save_model(self, request, obj, form, change):
        if not change or form.has_changed():
            obj.source = CalendarYear.Source.MANUAL
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        with transaction.atomic():
            # The forms' instances already hold the new values: read the old ones afresh.
            previous = {
                day.pk: snapshot(day) for day in SpecialDay.objects.filter(calendar_year=form.instance)
            }
            formset.save(commit=False)
            for day in formset.deleted_objects:
                record_event(
                    actor=request.user, verb="admin.delete", subject=day, before=previous.get(day.pk)
                )
                day.delete()
            for day in formset.new_objects:
                day.save()
                record_event(actor=request.user, verb="admin.create", subject=day, after=snapshot(day))
            for day, _fields in formset.changed_objects:
                day.save()
                record_event(
                    actor=request.user,
                    verb="admin.change",
                    subject=day,
                    before=previous.get(day.pk),
                    after=snapshot(day),
                )
            formset.save_m2m()
            if formset.deleted_objects or formset.new_objects or formset.changed_objects:
                calendar_year_mark_manual(
                    calendar_year=form.instance, actor=request.user, reason=MANUAL_REASON
                )


class SpecialDayAdminForm(forms.ModelForm):
    """The calendar year follows from the date, which must be in a year already entered."""

    class Meta:
        model = SpecialDay
        fields = ["date", "kind", "name"]

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date")
        if day is not None:
            calendar_year = CalendarYear.objects.filter(year=day.year).first()
            if calendar_year is None:
                self.add_error(
                    "date",
                    gettext("%(year)s is not in the calendar yet: add the year first.") % {"year": day.year},
                )
            else:
                self.instance.calendar_year = calendar_year
        return cleaned


@admin.register(SpecialDay)
class SpecialDayAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = SpecialDayAdminForm
    list_display = ["date", "weekday", "kind", "name", "calendar_year"]
    list_filter = ["calendar_year", "kind"]
    search_fields = ["name"]
    date_hierarchy = "date"
    list_select_related = ["calendar_year"]

    @admin.display(description=_("weekday"), ordering="date")
    def weekday(self, obj):
        return WEEKDAYS[obj.date.weekday()]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            years = {obj.calendar_year}
            if change:
                years.add(SpecialDay.objects.select_related("calendar_year").get(pk=obj.pk).calendar_year)
            super().save_model(request, obj, form, change)
            for calendar_year in years:
                calendar_year_mark_manual(
                    calendar_year=calendar_year, actor=request.user, reason=MANUAL_REASON
                )

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            calendar_year_mark_manual(
                calendar_year=obj.calendar_year, actor=request.user, reason=MANUAL_REASON
            )
