from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "accountability"
    verbose_name = _("Accountability")

    def ready(self):
        from accountability import history, shell, shell_complaints, sources

        sources.register_builtin()
        history.register()
        shell.register()
        shell_complaints.register()
