from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Service commitments")

    def ready(self):
        from audit.verbs import register_field_source, register_verbs
        from commitments import shell
        from commitments.models import ServiceItem, ServiceItemVersion
        from org.roles import ROLE_PERMISSIONS, Role

        register_field_source(ServiceItem, ServiceItemVersion)
        register_verbs(
            {
                "service_item.create": _("Service item created"),
                "service_item.revise": _("Service item revised (new version)"),
                "service_item.listing": _("Section or publication changed"),
                "breach.record": _("Breach recorded"),
                "breach.decide": _("Breach decided"),
            }
        )
        shell.register()
        ROLE_PERMISSIONS[Role.ADMINISTRATOR] |= {
            "commitments.view_serviceitem",
            "commitments.view_serviceitemversion",
            "commitments.view_boardtext",
            "commitments.add_boardtext",
            "commitments.change_boardtext",
        }
        ROLE_PERMISSIONS[Role.SUPERVISOR] |= {"commitments.view_breach"}
