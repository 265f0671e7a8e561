"""Item 5: the chief names who covers a post, one click from the alert."""

import pytest
import time_machine

from abpositions.cover import Basis, who_answers
from abpositions.models import Absence
from abpositions.services_uncovered import post_name_cover
from audit.models import AuditEvent
from messaging.models import Message
from tests.abpositions.conftest import at


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(at("2026-12-08 14:00"), tick=False):
        yield


@pytest.fixture
def both_away(post, a_holder, b_holder, away):
    return (
        away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00"),
        away(b_holder, "2026-12-08 13:30", "2026-12-08 17:00"),
    )


@pytest.fixture
def colleague(make_staff):
    return make_staff(name="同事王五")


def page(post):
    return f"/posts/cover/{post.pk}/"


def test_the_chief_sees_the_post_uncovered_in_red_and_names_a_cover(login, chief, post, colleague, both_away):
    client = login(chief)
    response = client.get(page(post))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="uncovered"' in html and "text-bg-danger" in html
    assert "A岗张三" in html and "13800000000" in html  # where the holders can be reached
    choices = list(response.context["form"].fields["cover"].queryset)
    assert colleague in choices and chief in choices
    assert not {post.a_holder, post.b_holder} & set(choices)  # both away

    response = client.post(page(post), {"cover": colleague.pk}, follow=True)
    assert response.redirect_chain[-1][0] == page(post)
    assert any("同事王五" in str(m) for m in response.context["messages"])
    assert 'data-status="cover"' in response.content.decode()
    a_absence = both_away[0]
    a_absence.refresh_from_db()
    assert a_absence.cover == colleague
    answer = who_answers(post)
    assert (answer.staff, answer.basis) == (colleague, Basis.COVER)
    event = AuditEvent.objects.for_object(a_absence).get(verb="absence.name_cover")
    assert event.actor == chief.user and event.after["cover"]["label"] == "同事王五"
    assert Message.objects.filter(kind="post.cover_named", recipient=colleague.user).count() == 1


def test_the_chief_may_keep_the_post_themselves(login, chief, post, both_away):
    login(chief).post(page(post), {"cover": chief.pk})
    assert who_answers(post).basis == Basis.COVER and who_answers(post).staff == chief


def test_a_cover_who_is_away_too_is_refused_with_a_message(login, chief, post, colleague, away, both_away):
    away(colleague, "2026-12-08 09:00", "2026-12-08 18:00")
    response = login(chief).post(page(post), {"cover": colleague.pk})
    assert response.status_code == 200
    assert "2026-12-08 18:00" in str(response.context["form"].errors["cover"])
    assert who_answers(post).basis == Basis.CHIEF


def test_someone_of_another_section_is_not_a_choice(
    login, chief, post, make_staff, other_department, both_away
):
    outsider = make_staff(name="外科室", department=other_department)
    response = login(chief).post(page(post), {"cover": outsider.pk})
    assert response.status_code == 200 and response.context["form"].errors["cover"]
    assert Absence.objects.filter(cover__isnull=False).count() == 0


def test_when_a_is_on_duty_naming_is_refused_with_409(login, chief, post, colleague):
    client = login(chief)
    assert 'data-status="a"' in client.get(page(post)).content.decode()
    response = client.post(page(post), {"cover": colleague.pk})
    assert response.status_code == 409
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert "A岗张三" in str(list(response.context["messages"])[0])


def test_b_covering_shows_b_and_naming_keeps_the_cover_for_when_b_leaves_too(
    login, chief, post, colleague, a_holder, b_holder, away
):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    client = login(chief)
    assert 'data-status="b"' in client.get(page(post)).content.decode()
    client.post(page(post), {"cover": colleague.pk})
    assert who_answers(post).staff == b_holder
    away(b_holder, "2026-12-08 15:00", "2026-12-08 17:00")
    assert who_answers(post, at("2026-12-08 15:30")).staff == colleague


def test_wrong_method_is_405(login, chief, post, both_away):
    assert login(chief).put(page(post)).status_code == 405
    assert login(chief).delete(page(post)).status_code == 405


def test_anonymous_is_sent_to_login(client, post, colleague, both_away):
    assert client.get(page(post))["Location"].startswith("/accounts/login/")
    assert client.post(page(post), {"cover": colleague.pk})["Location"].startswith("/accounts/login/")
    assert who_answers(post).basis != Basis.COVER


def test_a_holder_of_the_section_may_not_name_a_cover(login, handler, post, colleague, both_away):
    assert login(handler).get(page(post)).status_code == 403
    assert login(handler).post(page(post), {"cover": colleague.pk}).status_code == 403
    assert who_answers(post).basis != Basis.COVER


def test_a_supervisor_may_not_while_the_section_has_a_chief(login, supervisor, chief, post, both_away):
    assert login(supervisor).get(page(post)).status_code == 403


def test_a_supervisor_names_the_cover_of_a_section_with_no_chief(
    login, supervisor, post, colleague, both_away
):
    login(supervisor).post(page(post), {"cover": colleague.pk})
    assert who_answers(post).staff == colleague


def test_the_chief_of_another_section_gets_404(login, other_chief, post, colleague, both_away):
    assert login(other_chief).get(page(post)).status_code == 404
    assert login(other_chief).post(page(post), {"cover": colleague.pk}).status_code == 404
    assert login(other_chief).get("/posts/cover/999999/").status_code == 404


def test_the_page_reads_in_a_fixed_number_of_queries(
    login, chief, post, make_staff, both_away, django_assert_max_num_queries
):
    for number in range(5):
        make_staff(name=f"科员{number}")
    client = login(chief)
    with django_assert_max_num_queries(12):
        assert client.get(page(post)).status_code == 200


def test_the_service_refuses_a_handler(handler, post, colleague, both_away):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        post_name_cover(actor=handler.user, post=post, cover=colleague)


def test_the_chiefs_home_lists_the_uncovered_post_one_click_from_naming(login, chief, post, both_away):
    response = login(chief).get("/")
    html = response.content.decode()
    assert 'data-testid="panel-uncovered-posts"' in html
    assert f'href="/posts/cover/{post.pk}/"' in html and 'data-status="uncovered"' in html


def test_the_chiefs_home_says_every_post_is_covered_when_it_is(login, chief, post, a_holder, away):
    away(a_holder, "2026-12-07 09:00", "2026-12-09 18:00")  # B covers
    html = login(chief).get("/").content.decode()
    assert 'data-testid="panel-uncovered-posts"' in html
    assert "/posts/cover/" not in html


def test_a_handlers_home_has_no_uncovered_panel(login, handler, post, both_away):
    assert 'data-testid="panel-uncovered-posts"' not in login(handler).get("/").content.decode()
