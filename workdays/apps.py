from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = _("Working-day calendar")

    def ready(self):
        from core import health
        from workdays import history
        from workdays.health import calendar_check

        health.register("calendar", calendar_check)
        history.register()
