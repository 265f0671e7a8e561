"""The administrator revokes anyone's token in the admin, never seeing it or its hash."""

from apitokens.models import ApiToken
from audit.models import AuditEvent

LIST = "/admin/apitokens/apitoken/"


def test_administrator_sees_everyones_tokens_without_their_hash(login, administrator, handler):
    token, secret = ApiToken.objects.create(user=handler.user, name="报表系统")
    client = login(administrator)
    for url in (LIST, f"{LIST}{token.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "报表系统" in page
        assert token.digest not in page and secret not in page and token.token_key not in page


def test_administrator_revokes_a_token_and_it_is_audited(login, administrator, handler):
    token, _secret = ApiToken.objects.create(user=handler.user, name="报表系统")
    response = login(administrator).post(f"{LIST}{token.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    event = AuditEvent.objects.get(verb="api_token.revoke")
    assert event.actor == administrator.user
    assert token.digest not in str(event.before)


def test_the_admin_makes_no_tokens(login, administrator):
    assert login(administrator).get(f"{LIST}add/").status_code == 403


def test_other_roles_cannot_see_tokens_in_the_admin(login, chief, handler):
    ApiToken.objects.create(user=handler.user, name="报表系统")
    chief.user.is_staff = True
    chief.user.save(update_fields=["is_staff"])
    assert login(chief).get(LIST).status_code == 403


def test_delete_selected_revokes_each_with_its_event(login, administrator, handler, chief):
    tokens = [ApiToken.objects.create(user=user, name="批量")[0] for user in (handler.user, chief.user)]
    response = login(administrator).post(
        LIST,
        {"action": "delete_selected", "_selected_action": [t.pk for t in tokens], "post": "yes"},
    )
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    assert AuditEvent.objects.filter(verb="api_token.revoke", actor=administrator.user).count() == 2
