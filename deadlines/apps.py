from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("Time-limited completion")

    def ready(self):
        from audit.verbs import register_field_source, register_verbs
        from core.masking import PERSONAL_DATA_VIEWED, PERSONAL_DATA_VIEWED_LABEL
        from deadlines.models import Case, Escalation, Extension

        # An escalation's event names its step (remind, chief...) by Escalation.step.
        register_field_source(Case, Extension, Escalation)
        from deadlines import shell

        shell.register()

        register_verbs(
            {
                PERSONAL_DATA_VIEWED: PERSONAL_DATA_VIEWED_LABEL,
                "case.open": _("Case received"),
                "case.start": _("Work started"),
                "case.complete": _("Case completed"),
                "case.withdraw": _("Case withdrawn"),
                "case.overdue": _("Flagged overdue"),
                "case.escalation": _("Reminder or escalation sent"),
                "extension.request": _("Extension requested"),
                "extension.approve": _("Extension approved"),
                "extension.reject": _("Extension rejected"),
            }
        )
