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
