"""Editing an item (/catalogue/<code>/edit/): a new version, the old one kept."""

import pytest

from audit.models import AuditEvent
from commitments.models import ServiceItemVersion
from tests.commitments.fixtures.catalogue import CONTENT, ROLES_REFUSED, make_item

URL = "/catalogue/SP-0001/edit/"


@pytest.fixture
def item(administrator, department):
    return make_item(administrator, department, "SP-0001")


def form_data(item, **changes):
    """What the edit page posts when nothing is touched, with ``changes`` applied."""
    version = item.current
    data = {
        "department": item.department.pk,
        "published": "on" if item.published else "",
        "change_note": "",
        **{field: "" if value is None else value for field, value in CONTENT.items()},
        "fees": version.fees,
        "fee_basis": "",
        "service_standard": "",
        "place": "",
        "hours": "",
        "consult_channel": "",
        "complaint_channel": "",
        "materials-TOTAL_FORMS": 0,
        "materials-INITIAL_FORMS": 0,
    }
    materials = changes.pop("materials", None)
    if materials is None:
        materials = [(m.name, m.form, m.copies, m.source, m.notes) for m in version.materials.all()]
    for index, (name, form, copies, source, notes) in enumerate(materials):
        data.update(
            {
                f"materials-{index}-name": name,
                f"materials-{index}-form": form,
                f"materials-{index}-copies": copies,
                f"materials-{index}-source": source,
                f"materials-{index}-notes": notes,
                f"materials-{index}-ORDER": index + 1,
            }
        )
    data["materials-TOTAL_FORMS"] = len(materials)
    data["materials-INITIAL_FORMS"] = len(materials)
    data.update(changes)
    return data


def test_anonymous_is_sent_to_login(client, item):
    assert client.get(URL)["Location"].startswith("/accounts/login/")
    assert client.post(URL, form_data(item, name="改名"))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES_REFUSED)
def test_other_roles_are_refused(role, request, login, item):
    client = login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(item, name="改名")).status_code == 403
    assert item.versions.count() == 1


def test_the_form_holds_the_version_in_force(login, administrator, item):
    response = login(administrator).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert CONTENT["name"] in page and "营业执照" in page
    assert response.context["materials"].total_form_count() == 3  # two materials and an empty row


def test_saving_a_change_makes_a_new_version_and_keeps_the_old(login, administrator, item):
    first = item.current
    response = login(administrator).post(
        URL, form_data(item, committed_days=7, change_note="压缩承诺时限", name="食品经营许可（新）")
    )
    assert response.status_code == 302
    assert response["Location"] == "/catalogue/SP-0001/"
    item.refresh_from_db()
    current = item.current
    assert (current.number, current.committed_days, current.name) == (2, 7, "食品经营许可（新）")
    assert item.current.change_note == "压缩承诺时限"
    first = ServiceItemVersion.objects.get(pk=first.pk)
    assert (first.committed_days, first.name) == (10, CONTENT["name"])


def test_materials_can_be_added_removed_and_reordered(login, administrator, item):
    data = form_data(
        item,
        materials=[
            ("食品经营许可申请书", "original", 1, "", ""),
            ("营业执照", "copy", 1, "市场监管部门", ""),
            ("场所平面图", "electronic", 2, "", "须标明尺寸"),
        ],
    )
    data["materials-1-DELETE"] = "on"
    data["materials-0-ORDER"] = 4  # moved to the end
    login(administrator).post(URL, data)
    item.refresh_from_db()
    assert [(m.name, m.form, m.copies) for m in item.current.materials.all()] == [
        ("场所平面图", "electronic", 2),
        ("食品经营许可申请书", "original", 1),
    ]
    assert [m.name for m in item.versions.get(number=1).materials.all()] == ["食品经营许可申请书", "营业执照"]


def test_nothing_changed_makes_no_version(login, administrator, item):
    client = login(administrator)
    response = client.post(URL, form_data(item), follow=True)
    assert item.versions.count() == 1
    assert response.context["messages"]
    assert not AuditEvent.objects.filter(verb="service_item.revise").exists()


def test_windows_line_breaks_from_the_browser_are_not_a_change(login, administrator, department):
    item = make_item(administrator, department, "SP-0002", procedure="申请\n受理")
    login(administrator).post("/catalogue/SP-0002/edit/", form_data(item, procedure="申请\r\n受理"))
    assert item.versions.count() == 1


def test_section_and_publication_change_without_a_version(login, administrator, item, other_department):
    data = form_data(item, department=other_department.pk, published="")
    assert login(administrator).post(URL, data).status_code == 302
    item.refresh_from_db()
    assert (item.department, item.published, item.current.number) == (other_department, False, 1)


def test_committed_longer_than_statutory_is_shown_next_to_the_field(login, administrator, item):
    response = login(administrator).post(URL, form_data(item, committed_days=25))
    assert response.status_code == 200
    assert response.context["form"].errors["committed_days"]
    assert "is-invalid" in response.content.decode()
    assert item.versions.count() == 1


def test_a_refused_revision_rolls_back_the_section_change_too(login, administrator, item, other_department):
    login(administrator).post(URL, form_data(item, committed_days=25, department=other_department.pk))
    item.refresh_from_db()
    assert item.department != other_department


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"name": ""}, "name"), ({"basis": "  "}, "basis"), ({"committed_days": "十"}, "committed_days")],
)
def test_bad_input_is_a_form_error_not_a_500(login, administrator, item, changes, field):
    response = login(administrator).post(URL, form_data(item, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert item.versions.count() == 1


def test_a_material_listed_twice_or_with_a_pipe_is_refused(login, administrator, item):
    client = login(administrator)
    twice = form_data(item, materials=[("营业执照", "copy", 1, "", ""), ("营业执照", "original", 1, "", "")])
    assert client.post(URL, twice).context["materials"].non_form_errors()
    piped = form_data(item, materials=[("营业执照|复印件", "copy", 1, "", "")])
    assert client.post(URL, piped).context["materials"].errors[0]["name"]
    assert item.versions.count() == 1


def test_an_unknown_item_is_404(login, administrator, db):
    assert login(administrator).get("/catalogue/NOPE/edit/").status_code == 404


def test_an_empty_row_numbered_by_the_page_is_not_a_material(login, administrator, item):
    data = form_data(item, change_note="无变化")
    data.update({"materials-2-name": "", "materials-2-form": "original", "materials-2-copies": 1})
    data.update({"materials-2-ORDER": 3, "materials-TOTAL_FORMS": 3})
    response = login(administrator).post(URL, data)
    assert response.status_code == 302
    assert item.versions.count() == 1


def test_every_problem_is_shown_at_once_and_rows_keep_their_arrangement(login, administrator, item):
    data = form_data(item, committed_days=25)
    data.update({"materials-0-ORDER": 2, "materials-1-ORDER": 1, "materials-1-copies": 0})
    response = login(administrator).post(URL, data)
    assert response.context["form"].errors["committed_days"]
    assert response.context["materials"].errors[1]["copies"]
    rows = response.context["materials"].rows_in_order()
    assert [row["name"].value() for row in rows] == ["营业执照", "食品经营许可申请书"]
