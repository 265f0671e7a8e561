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
    from django.db.models import Q
    from django.urls import reverse

    from abpositions.work import Received, WorkSource, register_work_source
    from deadlines.models import Case

    def received_for(spans):
        """The cases received for each A while away, with their handler's name: one query."""
        wanted = Q()
        for holder_id, start, end in spans:
            wanted |= Q(cover_for_id=holder_id, received_at__gte=start, received_at__lt=end)
        rows = Case.objects.filter(wanted).select_related("handler").order_by("received_at", "pk")
        return [Received(case.cover_for_id, case.received_at, case, case.handler.name) for case in rows]

    register_work_source(
        WorkSource(
            key="cases",
            label=_("open cases"),
            open_for=lambda staff: Case.objects.open().filter(handler=staff),
            list_url=lambda staff: reverse("cases:mine"),
            received_for=received_for,
        )
    )
