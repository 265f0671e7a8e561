from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiTokensConfig(AppConfig):
    name = "apitokens"
    verbose_name = _("API tokens")

    def ready(self):
        from apitokens import schema  # noqa: F401  (registers the schema's token scheme)
        from audit.verbs import register_verbs
        from org.roles import ROLE_PERMISSIONS, Role

        # An administrator sees everyone's tokens (never their secret) and revokes them.
        ROLE_PERMISSIONS[Role.ADMINISTRATOR] |= {"apitokens.view_apitoken", "apitokens.delete_apitoken"}
        register_verbs(
            {
                "api_token.create": _("API token created"),
                "api_token.revoke": _("API token revoked"),
                "api_token.expire": _("Expired API token removed"),
            }
        )
