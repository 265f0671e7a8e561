"""The reads the notice pages and the API share: what a visit may tick, what it
would demand beyond the notice, the visits, the list's rows, and whether the
application may be received."""

import pytest

from commitments.services import MaterialSpec, service_item_revise
from inquiries.services import inquiry_open_case
from notifications import selectors
from notifications.models import Notice
from notifications.services import notice_issue, notice_open_case, notice_record_visit
from tests.factories import catalogue_keeper
from tests.notifications.conftest import CONTENT, MATERIALS


def names(materials):
    return [material.name for material in materials]


def bring(notice, actor, *wanted):
    ids = [notice.materials.get(name=name).material_id for name in wanted]
    return notice_record_visit(actor=actor.user, notice=notice, brought_ids=ids)


def test_outstanding_materials_are_those_listed_and_not_brought_yet(notice, handler):
    assert names(selectors.outstanding_materials(notice)) == ["营业执照", "经营场所平面布局图"]
    bring(notice, handler, "营业执照")
    assert names(selectors.outstanding_materials(notice)) == ["经营场所平面布局图"]


def test_unlisted_materials_are_those_brought_at_issue(notice):
    assert names(selectors.unlisted_materials(notice)) == ["食品经营许可申请书", "法定代表人身份证"]


def test_unlisted_materials_take_in_what_a_revision_added_and_not_the_listed_ones_again(notice, food_item):
    service_item_revise(
        actor=catalogue_keeper(),
        item=food_item,
        content=CONTENT,
        materials=[*MATERIALS, MaterialSpec("食品安全管理制度")],
    )
    notice = Notice.objects.select_related("service_item").get(pk=notice.pk)
    unlisted = selectors.unlisted_materials(notice)
    assert names(unlisted) == ["食品经营许可申请书", "法定代表人身份证", "食品安全管理制度"]
    # The two from the notice's own version, the added one from the version in force.
    assert [m.version_id for m in unlisted] == [notice.item_version_id] * 2 + [notice.service_item.current_id]


def test_visits_of_a_notice_oldest_first_with_what_each_brought(
    notice, handler, front_desk, django_assert_max_num_queries
):
    first = bring(notice, handler, "营业执照")
    second = bring(notice, front_desk, "经营场所平面布局图")
    with django_assert_max_num_queries(4):
        visits = list(selectors.visits_of(notice))
        assert [(v.pk, names(v.brought.all()), v.recorded_by.name) for v in visits] == [
            (first.pk, ["营业执照"], handler.name),
            (second.pk, ["经营场所平面布局图"], front_desk.name),
        ]


def test_with_outstanding_counts_what_is_still_missing_latest_first(notice, handler, issue, log_inquiry):
    later = issue(inquiry=log_inquiry(asked=[handler], actor=handler), actor=handler, brought=["营业执照"])
    bring(notice, handler, "营业执照")
    rows = list(selectors.with_outstanding(Notice.objects.all()))
    assert [(row.pk, row.outstanding) for row in rows] == [(later.pk, 3), (notice.pk, 1)]


@pytest.fixture
def complete(notice, handler):
    bring(notice, handler, "营业执照", "经营场所平面布局图")
    notice.refresh_from_db()
    return notice


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("front_desk", True),  # the inquiry's first responder
        ("chief", True),  # the chief of the inquiry's section
        ("handler", False),  # records visits, does not answer for the inquiry
        ("supervisor", False),  # sees every notice, opens no case
        ("other_chief", False),
    ],
)
def test_who_may_receive_the_application_from_a_complete_notice(role, may, request, complete):
    user = request.getfixturevalue(role).user
    assert user.has_perm("notifications.open_case", complete) is may
    assert selectors.may_open_case(user, complete) is may


def test_the_application_is_received_only_once_and_only_when_complete(notice, front_desk, handler):
    assert selectors.may_open_case(front_desk.user, notice) is False  # still waiting for materials
    bring(notice, handler, "营业执照", "经营场所平面布局图")
    notice.refresh_from_db()
    assert selectors.may_open_case(front_desk.user, notice) is True
    notice_open_case(actor=front_desk.user, notice=notice, handler=handler)
    notice.refresh_from_db()
    assert selectors.may_open_case(front_desk.user, notice) is False


def test_a_notice_issued_on_a_case_opens_no_other(handler, food_item, front_desk, inquiry):
    case = inquiry_open_case(actor=front_desk.user, inquiry=inquiry, handler=handler)
    notice = notice_issue(
        actor=handler.user,
        case=case,
        brought_material_ids=[case.item_version.materials.get(name="营业执照").pk],
    )
    assert handler.user.has_perm("notifications.open_case", notice) is False
