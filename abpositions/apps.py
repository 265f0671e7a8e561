from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AbpositionsConfig(AppConfig):
    name = "abpositions"
    verbose_name = _("A/B posts")

    def ready(self):
        from abpositions import history, shell

        history.register()
        shell.register()
