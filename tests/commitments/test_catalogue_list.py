"""The catalogue list (/catalogue/): every item, for administrators only."""

import pytest

from commitments import views_catalogue
from commitments.services import service_item_update_listing
from tests.commitments.fixtures.catalogue import ROLES_REFUSED, make_item
from tests.commitments.fixtures.paging import get_reading_pages_by_id

URL = "/catalogue/"


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES_REFUSED)
def test_other_roles_are_refused(role, request, login):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_posting_is_refused(login, administrator):
    assert login(administrator).post(URL).status_code == 405


def test_lists_every_item_with_its_version_limits_materials_and_board_status(
    login, administrator, department
):
    make_item(administrator, department, "SP-0001")
    hidden = make_item(administrator, department, "SP-0002", name="内部事项", committed_days=0)
    service_item_update_listing(actor=administrator.user, item=hidden, published=False)
    response = login(administrator).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "SP-0001" in page and "内部事项" in page  # unpublished items too
    rows = {item.code: item for item in response.context["page"]}
    assert rows["SP-0001"].current.number == 1
    assert rows["SP-0001"].materials_count == 2
    assert "badge-status-muted" in page  # the unpublished badge
    assert response.context["counts"] == {"total": 2, "published": 1, "unpublished": 1, "on_the_spot": 1}
    for link in (
        "/catalogue/export.xlsx",
        "/catalogue/export.csv",
        "/catalogue/template.xlsx",
        "/catalogue/import/",
    ):
        assert f'href="{link}"' in page


def test_search_by_code_or_name_and_filter_by_department(login, administrator, department, other_department):
    make_item(administrator, department, "SP-0001", name="食品经营许可")
    make_item(administrator, other_department, "SC-0001", name="药品零售许可")
    client = login(administrator)
    assert [i.code for i in client.get(URL, {"q": "药品"}).context["page"]] == ["SC-0001"]
    assert [i.code for i in client.get(URL, {"q": "sp-00"}).context["page"]] == ["SP-0001"]
    found = client.get(URL, {"department": other_department.pk}).context["page"]
    assert [i.code for i in found] == ["SC-0001"]


def test_filter_by_publication(login, administrator, department):
    make_item(administrator, department, "SP-0001")
    hidden = make_item(administrator, department, "SP-0002")
    service_item_update_listing(actor=administrator.user, item=hidden, published=False)
    client = login(administrator)
    assert [i.code for i in client.get(URL, {"published": "no"}).context["page"]] == ["SP-0002"]
    assert [i.code for i in client.get(URL, {"published": "yes"}).context["page"]] == ["SP-0001"]


@pytest.mark.parametrize(
    "params", [{"department": "x"}, {"published": "maybe"}, {"page": "abc"}, {"page": "99"}]
)
def test_a_bad_filter_value_is_not_a_500(login, administrator, department, params):
    make_item(administrator, department, "SP-0001")
    response = login(administrator).get(URL, params)
    assert response.status_code == 200
    assert "SP-0001" in response.content.decode()


def test_an_empty_catalogue_offers_the_import(login, administrator):
    page = login(administrator).get(URL).content.decode()
    assert "empty-state" in page
    assert 'href="/catalogue/import/"' in page


def test_a_code_with_odd_characters_still_links(login, administrator, department):
    make_item(administrator, department, "鲁/SP 001?")
    page = login(administrator).get(URL).content.decode()
    assert "/catalogue/%E9%B2%81/SP%20001%3F/" in page


def test_the_list_uses_a_constant_number_of_queries(
    login, administrator, department, django_assert_max_num_queries
):
    client = login(administrator)
    make_item(administrator, department, "SP-0000")
    with django_assert_max_num_queries(13) as few:
        client.get(URL)
    for n in range(1, 30):
        make_item(administrator, department, f"SP-{n:04d}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).status_code == 200


def test_a_long_catalogue_is_paged_by_id(login, administrator, department, monkeypatch):
    monkeypatch.setattr(views_catalogue, "PAGE_SIZE", 3)
    for n in range(7):
        make_item(administrator, department, f"SP-{n:04d}")
    client = login(administrator)
    assert [i.code for i in client.get(URL).context["page"]] == ["SP-0000", "SP-0001", "SP-0002"]
    page = get_reading_pages_by_id(client, URL, {"page": 3}).context["page"]
    assert [(i.code, i.materials_count) for i in page] == [("SP-0006", 2)]
