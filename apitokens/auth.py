from django.utils import timezone
from knox.auth import TokenAuthentication


class ApiTokenAuthentication(TokenAuthentication):
    """knox's ``Authorization: Token ...``, refusing an expired token without
    knox's sweep of the owner's other tokens: that sweep costs a query and
    deletes on every request. An expired token stays listed, as expired,
    until the daily job ``api_token_remove_expired`` removes it a month on."""

    def _cleanup_token(self, auth_token) -> bool:
        return auth_token.expiry is not None and auth_token.expiry <= timezone.now()
