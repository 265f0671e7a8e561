from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "inquiries"
    verbose_name = _("First-inquiry responsibility")

    def ready(self):
        from deadlines.links import register_case_source
        from inquiries import history, shell
        from inquiries.services import inquiry_open_case_by_id

        shell.register()
        history.register()
        register_case_source("inquiry", inquiry_open_case_by_id)
        _register_open_work()


def _register_open_work():
    """Rule 4: the open inquiries a person answers for, and the transfers
    waiting for their acknowledgement, for B covering them and the handover."""
    from django.urls import reverse

    from abpositions.work import WorkSource, register_work_source
    from inquiries.models import Transfer
    from inquiries.selectors import my_open_inquiries

    register_work_source(
        WorkSource(
            key="inquiries",
            label=_("open inquiries"),
            open_for=my_open_inquiries,
            list_url=lambda staff: reverse("inquiries:mine"),
        )
    )
    register_work_source(
        WorkSource(
            key="transfers",
            label=_("transfers to acknowledge"),
            open_for=lambda staff: Transfer.objects.filter(to=staff, acknowledged_at__isnull=True),
            list_url=lambda staff: reverse("inquiries:transfers"),
        )
    )
