from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("Time-limited completion")

    def ready(self):
        from deadlines import history, shell

        shell.register()
        history.register()
        _register_open_work()


def _register_open_work():
    """Rule 4: the open cases of a handler, for B covering them and the handover."""
    from django.urls import reverse

    from abpositions.work import WorkSource, register_work_source
    from deadlines.models import Case

    register_work_source(
        WorkSource(
            key="cases",
            label=_("open cases"),
            open_for=lambda staff: Case.objects.open().filter(handler=staff),
            list_url=lambda staff: reverse("cases:mine"),
        )
    )
