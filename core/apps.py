from constance.apps import ConstanceConfig
from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    # Two configs live here: "core" is loaded by this one.
    default = True
    name = "core"
    verbose_name = _("System")

    def ready(self):
        from core.paper import checks  # noqa: F401  (registers itself)

        # Each app declares its periodic jobs in its own jobs.py.
        autodiscover_modules("jobs")


class BureauSettingsConfig(ConstanceConfig):
    """django-constance, titled as the bureau knows its settings page
    (constance's own title is "Constance")."""

    default = False
    verbose_name = _("System settings")
