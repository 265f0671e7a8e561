from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RefusalsConfig(AppConfig):
    name = "refusals"
    verbose_name = _("Refusal filing")

    def ready(self):
        from refusals import hooks, shell

        hooks.register()
        shell.register()
