from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("One-time notification")

    def ready(self):
        from audit.verbs import register_field_source, register_verbs
        from core.masking import PERSONAL_DATA_VIEWED, PERSONAL_DATA_VIEWED_LABEL
        from notifications import shell
        from notifications.models import Notice, NoticeFailure, NoticeMaterial
        from org.roles import ROLE_PERMISSIONS, Role

        # A notice's events also name what it listed and what a visit brought
        # (NoticeMaterial), and a failure's material and whom it counts against.
        register_field_source(Notice, NoticeFailure, NoticeMaterial)
        register_verbs(
            {
                PERSONAL_DATA_VIEWED: PERSONAL_DATA_VIEWED_LABEL,
                "notice.issue": _("One-time notice issued"),
                "notice.visit": _("Visit on the notice recorded"),
                "notice.failure": _("Notice failure: a material the notice did not list was demanded"),
                "notice.case": _("Case opened from the notice"),
            }
        )
        shell.register()
        ROLE_PERMISSIONS[Role.SUPERVISOR] |= {"notifications.view_noticefailure"}
