import pytest
from django.core.exceptions import PermissionDenied

from apitokens.models import ApiToken
from apitokens.services import api_token_revoke
from audit.models import AuditEvent


def test_revoked_twice_at_once_gives_one_event(handler):
    token, _secret = ApiToken.objects.create(user=handler.user, name="x")
    stale_copy = ApiToken.objects.get(pk=token.pk)
    assert api_token_revoke(actor=handler.user, token=token) is True
    assert api_token_revoke(actor=handler.user, token=stale_copy) is False
    assert AuditEvent.objects.filter(verb="api_token.revoke").count() == 1


def test_only_the_owner_or_an_administrator_revokes(handler, chief, administrator):
    token, _secret = ApiToken.objects.create(user=handler.user, name="x")
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=chief.user, token=token)
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert api_token_revoke(actor=administrator.user, token=token) is True
