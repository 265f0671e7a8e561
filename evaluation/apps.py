from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Efficiency evaluation")

    def ready(self):
        from evaluation import history, hooks, shell, shell_dashboard, sources

        history.register()
        hooks.register()
        sources.register()
        shell.register()
        shell_dashboard.register()
