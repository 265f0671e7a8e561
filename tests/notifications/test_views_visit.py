"""Recording a return visit on the notice page."""

import pytest

from notifications.models import NoticeFailure, NoticeStatus, NoticeVisit
from org.roles import Role
from tests.notifications.conftest import material


def url(notice):
    return f"/notices/{notice.pk}/visits/"


def test_anonymous_is_sent_to_login(client, notice):
    response = client.post(url(notice), {})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_wrong_method_is_405(login, handler, notice):
    assert login(handler).get(url(notice)).status_code == 405


def test_a_supervisor_may_look_but_not_record(login, supervisor, notice, food_item):
    response = login(supervisor).post(url(notice), {"brought": [material(food_item, "营业执照").pk]})
    assert response.status_code == 403
    assert not NoticeVisit.objects.exists()


def test_another_section_gets_404(login, make_staff, other_department, notice):
    response = login(make_staff(Role.HANDLER, department=other_department)).post(
        url(notice), {"note": "来过"}
    )
    assert response.status_code == 404


def test_the_handler_records_what_was_brought(login, handler, notice, food_item):
    licence = material(food_item, "营业执照")
    response = login(handler).post(url(notice), {"brought": [licence.pk], "note": "平面图下周补"})
    assert response.status_code == 302
    assert response["Location"] == f"/notices/{notice.pk}/"
    visit = NoticeVisit.objects.get()
    assert [row.material_id for row in visit.brought.all()] == [licence.pk]


def test_bringing_the_rest_completes_the_notice(login, front_desk, notice, food_item):
    missing = [row.material_id for row in notice.materials.filter(missing=True)]
    login(front_desk).post(url(notice), {"brought": missing})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.COMPLETE


def test_a_handler_demanding_an_unlisted_material_gets_a_form_error_naming_it(
    login, handler, notice, food_item
):
    licence = material(food_item, "营业执照")
    response = login(handler).post(
        url(notice),
        {"brought": [licence.pk], "demanded_other": "房屋租赁合同", "override_reason": "想要"},
    )
    assert response.status_code == 200
    form = response.context["visit_form"]
    assert "override_reason" not in form.fields  # only a chief sees the override
    errors = " ".join(form.non_field_errors()) + " ".join(form.errors.get("demanded_materials", []))
    assert "房屋租赁合同" in errors
    assert not NoticeVisit.objects.exists()
    assert not NoticeFailure.objects.exists()
    assert notice.materials.get(name="营业执照").brought_at is None


def test_a_handler_demanding_a_catalogue_material_not_listed_is_refused(login, handler, notice, food_item):
    id_card = material(food_item, "法定代表人身份证")
    response = login(handler).post(url(notice), {"demanded_materials": [id_card.pk]})
    assert response.status_code == 200
    assert "法定代表人身份证" in str(response.context["visit_form"].errors)
    assert not NoticeFailure.objects.exists()


def test_the_chief_overrides_with_a_reason(login, chief, front_desk, notice):
    response = login(chief).post(
        url(notice), {"demanded_other": "房屋租赁合同\n\n", "override_reason": "经营场所为租赁，需核实使用权"}
    )
    assert response.status_code == 302
    failure = NoticeFailure.objects.get()
    assert (failure.name, failure.staff, failure.overridden_by) == ("房屋租赁合同", front_desk, chief)


def test_the_chief_without_a_reason_gets_a_form_error(login, chief, notice):
    response = login(chief).post(url(notice), {"demanded_other": "房屋租赁合同"})
    assert response.status_code == 200
    assert "房屋租赁合同" in " ".join(response.context["visit_form"].errors["override_reason"])
    assert not NoticeVisit.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{}, {"brought": ["abc"]}, {"brought": ["99999"]}, {"demanded_materials": ["99999"]}],
    ids=["nothing", "not a number", "unknown material", "unknown demanded material"],
)
def test_bad_input_is_a_form_error(data, login, handler, notice):
    response = login(handler).post(url(notice), data)
    assert response.status_code == 200
    assert response.context["visit_form"].errors
    assert not NoticeVisit.objects.exists()


def test_a_complete_notice_takes_no_more_visits(login, handler, notice):
    client = login(handler)
    missing = [row.material_id for row in notice.materials.filter(missing=True)]
    client.post(url(notice), {"brought": missing})
    response = client.post(url(notice), {"note": "又来了"})
    assert response.status_code == 302
    assert NoticeVisit.objects.count() == 1
