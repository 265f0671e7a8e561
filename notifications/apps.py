from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("One-time notification")

    def ready(self):
        from notifications import history, shell
        from org.roles import ROLE_PERMISSIONS, Role

        history.register()
        shell.register()
        ROLE_PERMISSIONS[Role.SUPERVISOR] |= {"notifications.view_noticefailure"}
