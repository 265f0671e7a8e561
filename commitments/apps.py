from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Service commitments")

    def ready(self):
        from commitments import history, shell
        from org.roles import ROLE_PERMISSIONS, Role

        history.register()
        shell.register()
        ROLE_PERMISSIONS[Role.ADMINISTRATOR] |= {
            "commitments.view_serviceitem",
            "commitments.view_serviceitemversion",
            "commitments.view_boardtext",
            "commitments.add_boardtext",
            "commitments.change_boardtext",
        }
        ROLE_PERMISSIONS[Role.SUPERVISOR] |= {"commitments.view_breach"}
