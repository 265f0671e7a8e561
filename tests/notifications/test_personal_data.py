"""The visitor's phone on a notice: masked in the list (page and API), on
paper and in the PDF; whole on the notice's own page ("show the full number")
and in its API GET, for who deals with the visitor, each sight logged."""

import pytest

from audit.models import AuditEvent

VIEWED = "personal_data.viewed"
LIST = "/api/v1/notices/"


def reveal_url(notice):
    return f"/notices/{notice.pk}/contact/"


def views_of(notice):
    return AuditEvent.objects.for_object(notice).filter(verb=VIEWED)


@pytest.mark.parametrize("role", ["front_desk", "chief"])
def test_who_deals_with_the_visitor_sees_the_full_number_and_the_sight_is_logged(
    role, request, login, notice
):
    staff = request.getfixturevalue(role)
    response = login(staff).post(reveal_url(notice))
    page = response.content.decode()
    assert response.status_code == 200
    assert "13812345678" in page
    assert 'data-testid="reveal-contact"' not in page
    event = views_of(notice).get()
    assert event.actor == staff.user
    assert event.subject_id == str(notice.pk)
    assert event.after == {"visitor_phone": True}


@pytest.mark.parametrize("role", ["handler", "supervisor"])
def test_who_does_not_deal_with_the_visitor_is_refused_and_nothing_is_logged(role, request, login, notice):
    response = login(request.getfixturevalue(role)).post(reveal_url(notice))
    assert response.status_code == 403
    assert b"13812345678" not in response.content
    assert not views_of(notice).exists()


@pytest.mark.parametrize("role", ["other_chief", "administrator"])
def test_who_may_not_see_the_notice_gets_404(role, request, login, notice):
    assert login(request.getfixturevalue(role)).post(reveal_url(notice)).status_code == 404
    assert not views_of(notice).exists()


def test_a_get_is_refused(login, front_desk, notice):
    assert login(front_desk).get(reveal_url(notice)).status_code == 405
    assert not views_of(notice).exists()


def test_anonymous_is_sent_to_login(client, notice):
    assert client.post(reveal_url(notice))["Location"].startswith("/accounts/login/")
    assert not views_of(notice).exists()


def test_the_reveal_takes_a_bounded_number_of_queries(
    login, front_desk, notice, django_assert_max_num_queries
):
    client = login(front_desk)
    with django_assert_max_num_queries(30):
        assert client.post(reveal_url(notice)).status_code == 200


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief", "supervisor"])
def test_the_lists_mask_the_phone_for_every_role_and_log_nothing(
    role, request, login, api, notice, django_assert_max_num_queries
):
    staff = request.getfixturevalue(role)
    with django_assert_max_num_queries(10):
        rows = api(staff).get(LIST).json()["results"]
    assert [row["visitor_phone"] for row in rows] == ["138****5678"]
    page = login(staff).get("/notices/").content.decode()
    assert notice.number in page
    assert "13812345678" not in page
    assert not views_of(notice).exists()


@pytest.mark.parametrize("role", ["front_desk", "chief"])
def test_one_notice_in_the_api_is_whole_for_who_deals_with_the_visitor_and_logged(role, request, api, notice):
    staff = request.getfixturevalue(role)
    assert api(staff).get(f"{LIST}{notice.pk}/").json()["visitor_phone"] == "13812345678"
    event = views_of(notice).get()
    assert (event.actor, event.after) == (staff.user, {"visitor_phone": True})


def test_one_notice_in_the_api_is_masked_for_a_supervisor_and_nothing_is_logged(api, supervisor, notice):
    assert api(supervisor).get(f"{LIST}{notice.pk}/").json()["visitor_phone"] == "138****5678"
    assert not views_of(notice).exists()
