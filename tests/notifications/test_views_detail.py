"""The notice page: what it listed, each visit, the failures, and who may see it."""

import pytest

from notifications.services import Demand, notice_record_visit
from org.roles import Role
from tests.factories import catalogue_keeper


def url(notice):
    return f"/notices/{notice.pk}/"


def test_anonymous_is_sent_to_login(client, notice):
    assert client.get(url(notice))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief", "supervisor"])
def test_who_may_view_the_notice(role, request, login, notice):
    response = login(request.getfixturevalue(role)).get(url(notice))
    assert response.status_code == 200
    assert response.context["notice"] == notice


@pytest.mark.parametrize("role", ["other_chief", "administrator"])
def test_others_get_404(role, request, login, notice):
    assert login(request.getfixturevalue(role)).get(url(notice)).status_code == 404


def test_a_handler_of_another_section_gets_404(login, make_staff, other_department, notice):
    assert login(make_staff(Role.HANDLER, department=other_department)).get(url(notice)).status_code == 404


def test_an_unknown_notice_is_404(login, front_desk, db):
    assert login(front_desk).get("/notices/999999/").status_code == 404


def test_the_page_shows_what_the_notice_listed(login, front_desk, notice):
    response = login(front_desk).get(url(notice))
    page = response.content.decode()
    assert notice.number in page
    states = {row.material_id: row for row in response.context["materials"]}
    assert len(states) == 4
    for row in notice.materials.all():
        state = "missing" if row.missing else "brought_at_issue"
        assert f'data-material="{row.material_id}" data-state="{state}"' in page
    assert response.context["can_visit"] is True
    assert response.context["may_override"] is False
    assert 'data-testid="record-visit"' in page
    assert f"/notices/{notice.pk}/print/" in page and f"/notices/{notice.pk}/pdf/" in page
    assert f'href="/inquiries/{notice.inquiry_id}/"' in page  # the front desk answers for the inquiry


def test_the_inquiry_is_linked_only_for_whoever_may_open_it(login, handler, notice):
    page = login(handler).get(url(notice)).content.decode()
    assert f'href="/inquiries/{notice.inquiry_id}/"' not in page
    assert notice.inquiry.number in page


def test_every_visit_and_failure_is_shown(login, notice, handler, chief, front_desk):
    licence = notice.materials.get(name="营业执照").material_id
    notice_record_visit(actor=handler.user, notice=notice, brought_ids=[licence], note="平面图未带")
    notice_record_visit(
        actor=chief.user,
        notice=notice,
        demanded=[Demand(name="房屋租赁合同")],
        override_reason="经营场所为租赁",
        note="要求补租赁合同",
    )
    response = login(chief).get(url(notice))
    page = response.content.decode()
    assert len(response.context["visits"]) == 2
    assert f'data-brought="{licence}"' in page
    assert "平面图未带" in page
    failure = response.context["failures"][0]
    assert failure.name == "房屋租赁合同"
    assert f'data-against="{front_desk.pk}"' in page
    assert "经营场所为租赁" in page
    assert response.context["may_override"] is True


@pytest.mark.parametrize(
    ("role", "may_reveal"),
    [("front_desk", True), ("chief", True), ("handler", False), ("supervisor", False)],
)
def test_the_visitor_phone_is_masked_on_the_page_and_offered_whole_to_who_deals_with_the_visitor(
    role, may_reveal, request, login, notice
):
    page = login(request.getfixturevalue(role)).get(url(notice)).content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page
    assert ('data-testid="reveal-contact"' in page) is may_reveal


def test_the_supervisor_sees_but_records_no_visit(login, supervisor, notice):
    response = login(supervisor).get(url(notice))
    assert response.context["can_visit"] is False
    assert 'data-testid="record-visit"' not in response.content.decode()


def test_a_revised_item_is_flagged(login, front_desk, notice, food_item):
    from commitments.services import MaterialSpec, service_item_revise
    from tests.notifications.conftest import CONTENT, MATERIALS

    service_item_revise(
        actor=catalogue_keeper(),
        item=food_item,
        content=CONTENT,
        materials=[*MATERIALS, MaterialSpec("新材料")],
    )
    response = login(front_desk).get(url(notice))
    assert response.context["revised"] is True
    assert response.context["version"] == notice.item_version
    # The material the revision added may be among what a visit is asked for beyond the notice.
    unlisted = {m.name for m in response.context["visit_form"].fields["demanded_materials"].queryset}
    assert unlisted == {"食品经营许可申请书", "法定代表人身份证", "新材料"}


def test_the_page_costs_a_bounded_number_of_queries(
    login, chief, notice, handler, django_assert_max_num_queries
):
    licence = notice.materials.get(name="营业执照").material_id
    notice_record_visit(actor=handler.user, notice=notice, brought_ids=[licence])
    client = login(chief)
    with django_assert_max_num_queries(23):
        assert client.get(url(notice)).status_code == 200
