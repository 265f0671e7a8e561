from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "系统"

    def ready(self):
        # Each app declares its periodic jobs in its own jobs.py.
        autodiscover_modules("jobs")
