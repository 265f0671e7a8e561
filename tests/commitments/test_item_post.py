"""Each service item names the post responsible for it (rule 4): in the services,
the edit page, the spreadsheet, the API and the demo."""

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.utils import translation

from audit.models import AuditEvent
from commitments import demo
from commitments.catalogue_io import CHANGED, check_catalogue, export_catalogue, import_catalogue, plan_import
from commitments.models import ServiceItem
from commitments.services import service_item_update_listing
from org import demo as org_demo
from tests.commitments.fixtures.catalogue import HEADERS, catalogue_row, make_item, spreadsheet
from tests.commitments.test_catalogue_edit import form_data
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(department):
    return PostFactory(department=department, name="许可审查岗")


@pytest.fixture
def item(administrator, department):
    return make_item(administrator, department, "SP-0001")


def test_a_post_of_another_section_is_refused(administrator, item, other_department):
    elsewhere = PostFactory(department=other_department)
    with pytest.raises(ValidationError) as refused:
        service_item_update_listing(actor=administrator.user, item=item, post=elsewhere)
    assert "post" in refused.value.message_dict
    item.refresh_from_db()
    assert item.post is None


def test_naming_the_post_is_recorded_and_moving_the_item_leaves_the_old_sections_post(
    administrator, item, post, other_department
):
    service_item_update_listing(actor=administrator.user, item=item, post=post)
    item.refresh_from_db()
    assert item.post == post
    event = AuditEvent.objects.for_object(item).get(verb="service_item.listing")
    assert event.after["post"]["label"] == str(post)
    service_item_update_listing(actor=administrator.user, item=item, department=other_department)
    item.refresh_from_db()
    assert (item.department, item.post) == (other_department, None)


def test_the_edit_page_offers_and_saves_the_post(login, administrator, item, post):
    client = login(administrator)
    page = client.get("/catalogue/SP-0001/edit/").content.decode()
    assert 'name="post"' in page and "许可审查岗" in page
    assert f'<optgroup label="{post.department.name}">' in page  # each post under its section
    response = client.post("/catalogue/SP-0001/edit/", form_data(item) | {"post": post.pk})
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert item.post == post


def test_the_api_carries_the_post(api, item, administrator, post):
    service_item_update_listing(actor=administrator.user, item=item, post=post)
    [row] = api().get("/api/v1/service-items/").json()["results"]
    assert row["post"] == post.pk


def test_the_spreadsheet_names_the_post_and_an_unknown_one_is_a_row_error(administrator, department, post):
    with translation.override("en"):
        [error] = check_catalogue(spreadsheet([catalogue_row("SP-0001", 责任岗位="宣传岗")]), "c.xlsx").errors
    assert (error.row, error.column) == (2, "责任岗位")
    assert "宣传岗" in error.message
    rows = check_catalogue(spreadsheet([catalogue_row("SP-0001", 责任岗位="许可审查岗")]), "c.xlsx").rows
    import_catalogue(actor=administrator.user, rows=rows)
    imported = ServiceItem.objects.get(code="SP-0001")
    assert imported.post == post
    created = AuditEvent.objects.get(verb="service_item.create", subject_id=str(imported.pk))
    assert created.after["post"] == {"id": post.pk, "label": str(post)}
    exported = tablib.Dataset().load(export_catalogue("xlsx"), format="xlsx")
    assert exported.headers == HEADERS
    assert exported["责任岗位"] == ["许可审查岗"]


def test_a_post_of_another_section_in_the_file_is_a_row_error(department, other_department):
    PostFactory(department=other_department, name="投诉举报岗")
    [error] = check_catalogue(spreadsheet([catalogue_row("SP-0001", 责任岗位="投诉举报岗")]), "c.xlsx").errors
    assert error.column == "责任岗位"


def test_a_file_without_the_column_leaves_each_items_post(administrator, item, post):
    service_item_update_listing(actor=administrator.user, item=item, post=post)
    older = spreadsheet([catalogue_row("SP-0001")], headers=[h for h in HEADERS if h != "责任岗位"])
    rows = check_catalogue(older, "c.xlsx").rows
    import_catalogue(actor=administrator.user, rows=rows)
    item.refresh_from_db()
    assert item.post == post
    cleared = check_catalogue(spreadsheet([catalogue_row("SP-0001")]), "c.xlsx").rows
    plan = plan_import(cleared)
    assert plan.rows[0].status == CHANGED and "post" in plan.rows[0].changed_fields


def test_every_demo_item_has_a_post_of_its_section():
    org_demo.seed()
    demo.seed()
    items = ServiceItem.objects.select_related("post")
    assert items.exists()
    assert all(item.post is not None and item.post.department_id == item.department_id for item in items)
