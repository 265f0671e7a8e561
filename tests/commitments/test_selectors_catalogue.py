"""The administrator's reads of the catalogue: one item and its versions."""

import pytest

from commitments.models import MaterialForm, ServiceItem
from commitments.selectors import catalogue_item, catalogue_item_history
from commitments.services import MaterialSpec, service_item_revise, service_item_update_listing
from tests.commitments.fixtures.catalogue import CONTENT, make_item


@pytest.fixture
def item(administrator, department):
    return make_item(administrator, department, "SP-0001")


def test_an_item_is_found_by_its_code_published_or_not(item, administrator):
    service_item_update_listing(actor=administrator.user, item=item, published=False)
    found = catalogue_item("SP-0001")
    assert found == item and found.current == item.current
    with pytest.raises(ServiceItem.DoesNotExist):
        catalogue_item("NOPE")


def test_the_history_names_what_each_version_changed(item, administrator):
    service_item_revise(
        actor=administrator.user,
        item=item,
        content={**CONTENT, "committed_days": 5},
        materials=[MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1)],
    )
    service_item_revise(
        actor=administrator.user,
        item=item,
        content={**CONTENT, "committed_days": 5, "name": "食品经营许可（告知承诺）"},
        materials=[MaterialSpec("食品经营许可申请书", MaterialForm.ORIGINAL, 1)],
    )
    history = catalogue_item_history(item)
    assert [(entry.version.number, entry.changed) for entry in history] == [
        (3, ["name"]),
        (2, ["committed_days", "materials"]),
        (1, []),
    ]


def test_the_history_costs_the_same_queries_however_long_it_is(
    item, administrator, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3) as few:
        catalogue_item_history(item)
    for days in range(1, 8):
        service_item_revise(
            actor=administrator.user, item=item, content={**CONTENT, "committed_days": days}, materials=[]
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(catalogue_item_history(item)) == 8
