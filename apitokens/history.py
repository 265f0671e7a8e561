"""How the API tokens' audit events read in the history panel (audit.verbs)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from audit.verbs import moment, register_verb, related, text


def register() -> None:
    # What apitokens.services._shown records: never the token's hash.
    fields = {
        "name": text(_("token name")),
        "user": related(_("user"), get_user_model()),
        "created": moment(_("created at")),
        "expiry": moment(_("expires at")),
    }
    register_verb("api_token.create", _("API token created"), fields=fields)
    register_verb("api_token.revoke", _("API token revoked"), fields=fields)
    register_verb("api_token.expire", _("Expired API token removed"), fields=fields)
