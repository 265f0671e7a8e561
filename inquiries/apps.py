from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "inquiries"
    verbose_name = _("First-inquiry responsibility")

    def ready(self):
        from audit.verbs import register_field_source, register_verbs
        from core.masking import PERSONAL_DATA_VIEWED, PERSONAL_DATA_VIEWED_LABEL
        from inquiries.models import Inquiry, Transfer

        register_field_source(Inquiry, Transfer)
        register_verbs(
            {
                PERSONAL_DATA_VIEWED: PERSONAL_DATA_VIEWED_LABEL,
                "inquiry.log": _("Inquiry logged"),
                "inquiry.outcome": _("Outcome recorded"),
                "inquiry.case": _("Case opened from the inquiry"),
                "inquiry.flag": _("Flagged: no owner in time"),
                "transfer.acknowledge": _("Transfer acknowledged"),
            }
        )
        from deadlines.links import register_case_source
        from inquiries import shell
        from inquiries.services import inquiry_open_case_by_id

        shell.register()
        register_case_source("inquiry", inquiry_open_case_by_id)
