from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiTokensConfig(AppConfig):
    name = "apitokens"
    verbose_name = _("API tokens")

    def ready(self):
        from apitokens import history, schema  # noqa: F401  (schema registers the token scheme)
        from org.roles import ROLE_PERMISSIONS, Role

        # An administrator sees everyone's tokens (never their secret) and revokes them.
        ROLE_PERMISSIONS[Role.ADMINISTRATOR] |= {"apitokens.view_apitoken", "apitokens.delete_apitoken"}
        history.register()
