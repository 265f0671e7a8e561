from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = _("Organisation")

    def ready(self):
        from org import history, shell
        from org.roles import sync_role_groups

        history.register()

        # After every app's migrations, not only org's: the permissions of
        # apps installed after org exist only once their own step has run.
        post_migrate.connect(sync_role_groups, dispatch_uid="org.sync_role_groups")
        shell.register()
