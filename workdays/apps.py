from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = _("Working-day calendar")

    def ready(self):
        from audit.verbs import register_verbs
        from core import health
        from workdays.health import calendar_check

        health.register("calendar", calendar_check)

        register_verbs(
            {
                "calendar.seed": _("Holiday schedule loaded from the chinesecalendar package"),
                "calendar.mark_manual": _("Calendar corrected by an administrator"),
            }
        )
