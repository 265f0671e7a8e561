"""The holder-change pages: a post's holders with the request form, the list, one change and its decision."""

import pytest

from abpositions.models import ChangeStatus, HolderRole
from abpositions.services_holders import holder_change_approve, holder_change_request
from org.roles import Role
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(make_staff):
    return make_staff(Role.HANDLER, name="新人王五", rank=2)


@pytest.fixture
def change(post, newcomer, chief):
    return holder_change_request(
        actor=chief.user, post=post, role=HolderRole.B, proposed=newcomer, reason="岗位调整"
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- The post's holders and the request form -------------------------------------


def test_the_chief_asks_for_a_change_from_the_posts_page(login, chief, post, newcomer):
    client = login(chief)
    page = client.get(f"/posts/changes/post/{post.pk}/")
    assert page.status_code == 200
    assert post.a_holder.name in page.content.decode()
    response = client.post(
        f"/posts/changes/post/{post.pk}/", {"role": "b", "proposed": newcomer.pk, "reason": "岗位调整"}
    )
    change = post.holder_changes.get()
    assert response["Location"] == f"/posts/changes/{change.pk}/"
    assert (change.proposed, change.status) == (newcomer, ChangeStatus.PENDING)


def test_a_bad_request_stays_on_the_form_with_its_error(login, chief, post):
    response = login(chief).post(
        f"/posts/changes/post/{post.pk}/", {"role": "a", "proposed": post.a_holder.pk, "reason": "调整"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not post.holder_changes.exists()


def test_a_second_request_is_refused_with_a_message(login, chief, post, change, make_staff):
    other = make_staff(name="另一人")
    response = login(chief).post(
        f"/posts/changes/post/{post.pk}/", {"role": "b", "proposed": other.pk, "reason": "调整"}, follow=True
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert post.holder_changes.count() == 1


def test_the_posts_page_shows_its_history(login, chief, post, change):
    holder_change_approve(actor=chief.user, change=change)
    page = login(chief).get(f"/posts/changes/post/{post.pk}/").content.decode()
    assert f'data-change="{change.pk}"' in page
    assert "新人王五" in page


def test_the_posts_page_refuses(client, login, post, handler, other_chief, supervisor):
    url = f"/posts/changes/post/{post.pk}/"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    assert login(handler).get(url).status_code == 403
    assert login(supervisor).get(url).status_code == 403
    assert login(other_chief).get(url).status_code == 404
    assert login(other_chief).put(url).status_code == 405


def test_an_administrator_may_ask_for_any_section(login, administrator, other_department):
    elsewhere = PostFactory(department=other_department)
    assert login(administrator).get(f"/posts/changes/post/{elsewhere.pk}/").status_code == 200


# --- The list ----------------------------------------------------------------------


def test_the_list_shows_the_sections_changes_filtered(
    login, chief, change, other_department, make_staff, django_assert_max_num_queries
):
    elsewhere = PostFactory(department=other_department)
    holder_change_request(
        actor=make_staff(Role.ADMINISTRATOR).user,
        post=elsewhere,
        role=HolderRole.A,
        proposed=elsewhere.b_holder,
        reason="轮岗",
    )
    client = login(chief)
    with django_assert_max_num_queries(12):
        page = client.get("/posts/changes/")
    assert list(page.context["page"]) == [change]
    assert list(client.get("/posts/changes/?status=approved").context["page"]) == []


def test_a_supervisor_sees_every_section_and_may_filter_by_section(
    login, supervisor, change, other_department, department
):
    page = login(supervisor).get(f"/posts/changes/?section={department.pk}&status=pending")
    assert list(page.context["page"]) == [change]
    assert list(login(supervisor).get(f"/posts/changes/?section={other_department.pk}").context["page"]) == []


def test_the_list_refuses(client, login, handler):
    assert client.get("/posts/changes/")["Location"].startswith("/accounts/login/")
    assert login(handler).get("/posts/changes/").status_code == 403


def test_the_list_answers_get_only(login, chief):
    assert login(chief).post("/posts/changes/").status_code == 405


# --- One change and the decision ------------------------------------------------------


def test_the_chief_approves_from_the_change_page(login, chief, post, change, newcomer):
    client = login(chief)
    page = client.get(f"/posts/changes/{change.pk}/")
    assert page.context["can_decide"]
    response = client.post(f"/posts/changes/{change.pk}/approve/", {"note": "同意"}, follow=True)
    post.refresh_from_db()
    assert post.b_holder == newcomer
    assert any("新人王五" in m for m in messages_of(response))


def test_the_chief_rejects_with_a_reason(login, chief, post, change, b_holder):
    client = login(chief)
    response = client.post(f"/posts/changes/{change.pk}/reject/", {"note": ""}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    client.post(f"/posts/changes/{change.pk}/reject/", {"note": "人手不足"})
    change.refresh_from_db()
    post.refresh_from_db()
    assert (change.status, post.b_holder) == (ChangeStatus.REJECTED, b_holder)


def test_deciding_twice_is_refused_with_a_message(login, chief, change):
    client = login(chief)
    client.post(f"/posts/changes/{change.pk}/approve/", follow=True)  # shows its message
    response = client.post(f"/posts/changes/{change.pk}/reject/", {"note": "改主意"}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED


@pytest.mark.parametrize("verb", ["approve", "reject"])
def test_the_decision_refuses(verb, client, login, change, post, handler, administrator, other_chief):
    url = f"/posts/changes/{change.pk}/{verb}/"
    assert client.post(url, {"note": "x"})["Location"].startswith("/accounts/login/")
    assert login(handler).post(url, {"note": "x"}).status_code == 403
    assert login(administrator).post(url, {"note": "x"}).status_code == 403  # not the section's chief
    assert login(other_chief).post(url, {"note": "x"}).status_code == 404
    assert login(other_chief).get(url).status_code == 405
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_the_change_page_refuses(client, login, change, handler, other_chief, administrator):
    url = f"/posts/changes/{change.pk}/"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    assert login(handler).get(url).status_code == 403
    assert login(other_chief).get(url).status_code == 404
    assert login(administrator).get(url).context["can_decide"] is False
    assert login(administrator).post(url).status_code == 405


def test_the_change_page_costs_few_queries(login, chief, change, django_assert_max_num_queries):
    client = login(chief)
    with django_assert_max_num_queries(10):
        assert client.get(f"/posts/changes/{change.pk}/").status_code == 200


def test_the_list_leads_the_chief_to_each_posts_request_form(login, chief, post, other_department):
    PostFactory(department=other_department)
    page = login(chief).get("/posts/changes/")
    assert list(page.context["posts"]) == [post]
    assert f'href="/posts/changes/post/{post.pk}/"' in page.content.decode()
