"""The chief's consent pages (/posts/consent/): the chief of A's section
decides, once; B sees their own request; nobody else sees it."""

import pytest
import time_machine

from abpositions.models import ConsentStatus, CoverConsent
from abpositions.services_consent import cover_consent_ask
from audit.models import AuditEvent
from messaging.models import Message
from org.roles import Role
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(at("2026-12-08 10:00"), tick=False):
        yield


@pytest.fixture
def consent(post, a_holder, b_holder, chief, away):
    trip = away(a_holder, "2026-12-07 09:00", "2026-12-10 18:00")
    return cover_consent_ask(
        actor=b_holder.user, absence=trip, subject=post, label="202612070001 食品经营许可"
    )


def detail(consent):
    return f"/posts/consent/{consent.pk}/"


def decide(consent):
    return f"/posts/consent/{consent.pk}/decide/"


def test_asking_tells_the_chief_and_is_audited_as_acting_for_a(consent, chief, a_holder):
    assert Message.objects.filter(kind="cover_consent.ask", recipient=chief.user).count() == 1
    event = AuditEvent.objects.get(verb="cover_consent.ask")
    assert event.acting_for == a_holder.user


def test_the_chief_consents_and_b_is_told(login, consent, chief, b_holder):
    client = login(chief)
    assert "202612070001" in client.get("/posts/consent/").content.decode()
    page = client.get(detail(consent)).content.decode()
    assert 'data-testid="grant"' in page
    response = client.post(decide(consent), {"granted": "1", "note": ""})
    assert response["Location"] == detail(consent)
    consent.refresh_from_db()
    assert (consent.status, consent.decided_by) == (ConsentStatus.GRANTED, chief.user)
    assert Message.objects.filter(kind="cover_consent.decide", recipient=b_holder.user).count() == 1
    assert AuditEvent.objects.filter(verb="cover_consent.decide", actor=chief.user).count() == 1


def test_declining_needs_a_note(login, consent, chief):
    response = login(chief).post(decide(consent), {"granted": "0", "note": " "})
    assert response.status_code == 400
    consent.refresh_from_db()
    assert consent.status == ConsentStatus.ASKED


def test_a_decided_request_is_refused_409(login, consent, chief):
    client = login(chief)
    client.post(decide(consent), {"granted": "0", "note": "等张三回来"})
    response = client.post(decide(consent), {"granted": "1"})
    assert response.status_code == 409
    assert CoverConsent.objects.get().status == ConsentStatus.DECLINED


def test_wrong_method_and_anonymous(client, login, consent, chief):
    assert login(chief).get(decide(consent)).status_code == 405
    client.logout()
    assert client.post(decide(consent), {"granted": "1"})["Location"].startswith("/accounts/login/")
    assert client.get(detail(consent))["Location"].startswith("/accounts/login/")


def test_b_sees_the_request_but_may_not_decide_it(login, consent, b_holder):
    client = login(b_holder)
    page = client.get(detail(consent)).content.decode()
    assert "202612070001" in page and 'data-testid="grant"' not in page
    assert client.post(decide(consent), {"granted": "1"}).status_code == 403
    assert CoverConsent.objects.get().status == ConsentStatus.ASKED


def test_the_chief_of_another_section_and_a_colleague_get_404(login, consent, other_chief, make_staff):
    colleague = make_staff(Role.HANDLER)
    for person in (other_chief, colleague):
        client = login(person)
        assert client.get(detail(consent)).status_code == 404
        assert client.post(decide(consent), {"granted": "1"}).status_code == 404
        assert "202612070001" not in client.get("/posts/consent/").content.decode()


def test_someone_not_covering_may_not_ask(post, a_holder, make_staff, away):
    from django.core.exceptions import PermissionDenied

    trip = away(a_holder, "2026-12-07 09:00", "2026-12-10 18:00")
    with pytest.raises(PermissionDenied):
        cover_consent_ask(actor=make_staff(Role.HANDLER).user, absence=trip, subject=post, label="x")


def test_the_pages_take_a_bounded_number_of_queries(login, consent, chief, django_assert_max_num_queries):
    client = login(chief)
    with django_assert_max_num_queries(12):
        assert client.get("/posts/consent/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(detail(consent)).status_code == 200


def test_a_login_without_a_staff_record_may_not_list_consents(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get("/posts/consent/").status_code == 403
