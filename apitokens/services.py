from django.core.exceptions import PermissionDenied
from django.db import transaction
from knox.settings import knox_settings

from apitokens.models import ApiToken
from audit.services import EventSpec, record_event, record_events, reference


def _shown(token: ApiToken) -> dict:
    """What an event may record of a token: never its hash."""
    return {
        "name": token.name,
        "user": reference(token.user),
        "created": token.created.isoformat() if token.created else None,
        "expiry": token.expiry.isoformat() if token.expiry else None,
    }


def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """A new token for ``actor`` themself: returns the row and the token,
    which is shown this once and kept only as a hash."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied
    with transaction.atomic():
        token, secret = ApiToken.objects.create(user=actor, expiry=knox_settings.TOKEN_TTL, name=name)
        record_event(actor=actor, verb="api_token.create", subject=token, after=_shown(token))
    return token, secret


def api_token_revoke(*, actor, token: ApiToken) -> bool:
    """Revoke a token: its owner may, and so may whoever may delete tokens
    (the administrator), without ever seeing it. False when it was already
    gone (revoked twice at once): one event, not two."""
    if token.user_id != actor.pk and not actor.has_perm("apitokens.delete_apitoken"):
        raise PermissionDenied
    with transaction.atomic():
        deleted, _rows = ApiToken.objects.filter(pk=token.pk).delete()
        if not deleted:
            return False
        record_event(actor=actor, verb="api_token.revoke", subject=token, before=_shown(token))
    return True


def api_tokens_remove_expired(*, expired_before, limit: int = 500) -> int:
    """Remove up to ``limit`` tokens that expired before ``expired_before``,
    each with its event. A second worker at the same time skips the rows
    the first holds (PostgreSQL; SQLite runs one writer at a time)."""
    with transaction.atomic():
        tokens = list(
            ApiToken.objects.filter(expiry__lt=expired_before)
            .select_related("user")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("expiry", "id")[:limit]
        )
        if not tokens:
            return 0
        record_events(
            EventSpec(verb="api_token.expire", subject=token, before=_shown(token)) for token in tokens
        )
        ApiToken.objects.filter(pk__in=[token.pk for token in tokens]).delete()
    return len(tokens)
