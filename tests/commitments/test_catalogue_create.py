"""Adding one item by hand (/catalogue/new/)."""

import pytest

from commitments.models import ServiceItem
from tests.commitments.fixtures.catalogue import CONTENT, ROLES_REFUSED, make_item

URL = "/catalogue/new/"


def form_data(section, **changes):
    data = {
        "code": "SP-0100",
        "department": section.pk,
        "published": "on",
        **CONTENT,
        "materials-TOTAL_FORMS": 2,
        "materials-INITIAL_FORMS": 0,
        "materials-0-name": "身份证",
        "materials-0-form": "original_and_copy",
        "materials-0-copies": 1,
        "materials-0-ORDER": 1,
        "materials-1-name": "",  # the empty extra row
        "materials-1-form": "original",
        "materials-1-copies": 1,
    }
    data.update(changes)
    return data


def test_anonymous_is_sent_to_login(client, department):
    assert client.get(URL)["Location"].startswith("/accounts/login/")
    assert client.post(URL, form_data(department))["Location"].startswith("/accounts/login/")
    assert not ServiceItem.objects.exists()


@pytest.mark.parametrize("role", ROLES_REFUSED)
def test_other_roles_are_refused(role, request, login, department):
    client = login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(department)).status_code == 403
    assert not ServiceItem.objects.exists()


def test_the_form_is_empty_and_published_by_default(login, administrator, department):
    response = login(administrator).get(URL)
    assert response.status_code == 200
    assert response.context["form"]["published"].value() is True


def test_creating_an_item_makes_version_one_with_its_materials(login, administrator, department):
    response = login(administrator).post(URL, form_data(department, fees="不收费"))
    assert response["Location"] == "/catalogue/SP-0100/"
    item = ServiceItem.objects.get(code="SP-0100")
    assert item.current.number == 1
    assert item.current.fees == ""  # 不收费 is kept as "free", as the import does
    assert [(m.name, m.form) for m in item.current.materials.all()] == [("身份证", "original_and_copy")]


def test_a_code_in_use_is_shown_next_to_the_code(login, administrator, department):
    make_item(administrator, department, "SP-0100")
    response = login(administrator).post(URL, form_data(department))
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert ServiceItem.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": ""}, "code"),
        ({"department": "999999"}, "department"),
        ({"committed_days": 30}, "committed_days"),
        ({"statutory_days": "-1"}, "statutory_days"),
        ({"name": "名" * 201}, "name"),
    ],
)
def test_bad_input_is_a_form_error(login, administrator, department, changes, field):
    response = login(administrator).post(URL, form_data(department, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ServiceItem.objects.exists()


def test_a_bad_material_row_is_shown_in_its_row(login, administrator, department):
    response = login(administrator).post(URL, form_data(department, **{"materials-0-copies": 0}))
    assert response.context["materials"].errors[0]["copies"]
    assert not ServiceItem.objects.exists()
