from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Efficiency evaluation")

    def ready(self):
        from evaluation import history, hooks, shell, shell_dashboard, sources
        from org.roles import ROLE_PERMISSIONS, Role

        history.register()
        hooks.register()
        sources.register()
        shell.register()
        shell_dashboard.register()
        # The bureau keeps the list of poor-rating reasons; supervisors read the ratings register.
        ROLE_PERMISSIONS[Role.ADMINISTRATOR] |= {
            "evaluation.view_poorreason",
            "evaluation.add_poorreason",
            "evaluation.change_poorreason",
            "evaluation.view_scorescheme",
            "evaluation.add_scorescheme",
            "evaluation.view_snapshot",
        }
        ROLE_PERMISSIONS[Role.SUPERVISOR] |= {
            "evaluation.view_rating",
            "evaluation.view_followup",
            "evaluation.view_scorescheme",
            "evaluation.view_snapshot",
        }
