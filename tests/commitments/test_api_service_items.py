"""GET /api/v1/service-items/: the public catalogue for other systems, read only, no login."""

import pytest

from commitments.models import MaterialForm
from commitments.services import MaterialSpec, service_item_create, service_item_revise
from tests.factories import catalogue_keeper

LIST = "/api/v1/service-items/"
PROMISED = {
    "id",
    "code",
    "name",
    "department",
    "post",
    "basis",
    "conditions",
    "procedure",
    "materials",
    "statutory_days",
    "committed_days",
    "fees",
}
CONTENT = {
    "name": "食品经营许可（新办）",
    "basis": "《中华人民共和国食品安全法》第三十五条",
    "conditions": "有相适应的经营场所",
    "procedure": "申请—受理—审查—决定—发证",
    "statutory_days": 20,
    "committed_days": 10,
    "fees": "",
    "place": "一楼大厅",
    "complaint_channel": "效能投诉电话 0571-8800-1006",
}
MATERIALS = [
    MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1, "窗口领取", "须签字"),
    MaterialSpec("营业执照", MaterialForm.COPY, 2, "市场监管部门核发"),
]


def make_item(code, department, *, published=True, **content):
    return service_item_create(
        actor=catalogue_keeper(),
        code=code,
        department=department,
        content={**CONTENT, **content},
        materials=MATERIALS,
        published=published,
    )


@pytest.fixture
def items(department, other_department):
    return {
        "food": make_item("XK-001", department),
        "shop": make_item(
            "XK-006", department, name="个体工商户设立登记", statutory_days=3, committed_days=0
        ),
        "complaint": make_item(
            "SJ-001", other_department, name="消费投诉受理", basis="《消费者权益保护法》第三十九条"
        ),
        "hidden": make_item("XK-099", department, name="内部试行事项", published=False),
    }


def test_anyone_may_read_the_catalogue_without_logging_in(api, items):
    response = api().get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3


def test_an_item_carries_every_field_api_md_promises(api, items, department):
    body = api().get(f"{LIST}{items['food'].pk}/").json()
    assert set(body) >= PROMISED
    assert body["id"] == items["food"].pk
    assert body["code"] == "XK-001"
    assert body["name"] == "食品经营许可（新办）"
    assert body["department"] == department.pk
    assert body["basis"] == CONTENT["basis"]
    assert body["conditions"] == CONTENT["conditions"]
    assert body["procedure"] == CONTENT["procedure"]
    assert body["statutory_days"] == 20
    assert body["committed_days"] == 10
    assert body["fees"] == ""
    materials = body["materials"]
    assert [m["name"] for m in materials] == ["食品经营许可申请书", "营业执照"]
    assert {"id", "name", "form", "copies"} <= set(materials[0])
    assert materials[1]["form"] == "copy" and materials[1]["copies"] == 2


def test_the_additions_help_a_platform_show_the_item(api, items):
    body = api().get(f"{LIST}{items['shop'].pk}/").json()
    assert body["department_name"] == "行政审批科"
    assert body["version"] == 1
    assert body["on_the_spot"] is True
    assert body["place"] == "一楼大厅"
    assert body["complaint_channel"] == "效能投诉电话 0571-8800-1006"
    assert body["materials"][0]["source"] == "窗口领取"
    assert body["materials"][0]["notes"] == "须签字"


def test_it_serves_the_version_in_force(api, items, administrator):
    service_item_revise(
        actor=administrator.user,
        item=items["food"],
        content={**CONTENT, "committed_days": 5},
        materials=MATERIALS[:1],
    )
    body = api().get(f"{LIST}{items['food'].pk}/").json()
    assert body["version"] == 2
    assert body["committed_days"] == 5
    assert [m["name"] for m in body["materials"]] == ["食品经营许可申请书"]


def test_an_unpublished_item_is_neither_listed_nor_readable(api, items):
    codes = [item["code"] for item in api().get(LIST).json()["results"]]
    assert "XK-099" not in codes
    assert api().get(LIST, {"code": "XK-099"}).json()["count"] == 0
    assert api().get(f"{LIST}{items['hidden'].pk}/").status_code == 404


@pytest.mark.parametrize("item_id", ["999999", "abc"])
def test_an_unknown_id_is_404(api, items, item_id):
    assert api().get(f"{LIST}{item_id}/").status_code == 404


def test_filters_by_department_code_and_search(api, items, other_department):
    def codes(**params):
        return sorted(item["code"] for item in api().get(LIST, params).json()["results"])

    assert codes(department=other_department.pk) == ["SJ-001"]
    assert codes(code="XK-006") == ["XK-006"]
    assert codes(search="消费者权益保护法") == ["SJ-001"]
    assert codes(search="个体工商户") == ["XK-006"]
    assert codes(search="xk-00") == ["XK-001", "XK-006"]


@pytest.mark.parametrize("bad_value", ["abc", "999999"])
def test_a_bad_department_filter_is_400_with_the_field(api, items, bad_value):
    response = api().get(LIST, {"department": bad_value})
    assert response.status_code == 400
    assert "department" in response.json()


@pytest.mark.parametrize("fixture", [None, "handler", "administrator"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_405_for_everyone(api, items, request, fixture, method):
    staff = request.getfixturevalue(fixture) if fixture else None
    client = api(staff)
    payload = {"code": "NEW-1", "name": "新事项", "department": items["food"].department_id}
    assert getattr(client, method)(LIST, payload, format="json").status_code == 405
    assert getattr(client, method)(f"{LIST}{items['food'].pk}/", payload, format="json").status_code == 405
    assert api().get(LIST).json()["count"] == 3


def test_a_stale_token_does_not_lock_a_reader_out(api, items):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(LIST).status_code == 200


def test_the_list_costs_a_constant_number_of_queries(api, department, django_assert_max_num_queries):
    for number in range(30):
        make_item(f"Q-{number:03d}", department)
    client = api()
    with django_assert_max_num_queries(4):
        assert client.get(LIST).status_code == 200


def test_the_schema_documents_the_endpoint_and_its_filters(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/service-items/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"department", "code", "search", "page"}
    assert set(schema["paths"]["/api/v1/service-items/{id}/"]) == {"get"}
    item = schema["components"]["schemas"]["ServiceItem"]["properties"]
    assert set(item) >= PROMISED
    assert item["statutory_days"]["nullable"] is True
