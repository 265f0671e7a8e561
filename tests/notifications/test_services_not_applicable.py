"""A material not applicable to this applicant: marked when the notice is issued
or settled on the visitor's return, with the reason; settled for "run at most once"."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from deadlines.services import ConflictError
from notifications import selectors
from notifications.models import MaterialState, Notice, NoticeFailure, NoticeStatus, NoticeVisit
from notifications.services import Demand, notice_issue, notice_record_visit
from tests.notifications.conftest import material

PROXY = "授权委托书及受托人身份证"


def issue_on(item, inquiry, actor, *, brought=(), not_applicable=None):
    return notice_issue(
        actor=actor.user,
        service_item=item,
        inquiry=inquiry,
        brought_material_ids=[material(item, name).pk for name in brought],
        not_applicable={material(item, name).pk: reason for name, reason in (not_applicable or {}).items()},
    )


def states(notice):
    return {row.name: (row.state, row.not_applicable_reason) for row in notice.materials.all()}


def test_a_material_marked_not_applicable_is_neither_missing_nor_brought(
    proxy_item, proxy_inquiry, front_desk
):
    notice = issue_on(
        proxy_item,
        proxy_inquiry,
        front_desk,
        brought=["营业执照"],
        not_applicable={PROXY: "本人办理，无需提供"},
    )
    assert states(notice) == {
        "食品经营许可申请书": (MaterialState.MISSING, ""),
        "营业执照": (MaterialState.BROUGHT, ""),
        PROXY: (MaterialState.NOT_APPLICABLE, "本人办理，无需提供"),
    }
    proxy = notice.materials.get(name=PROXY)
    assert proxy.condition == "委托他人办理时提供"
    assert not proxy.outstanding and not proxy.listed
    event = AuditEvent.objects.get(verb="notice.issue", subject_id=str(notice.pk))
    assert event.after["not_applicable"] == f"{PROXY}（本人办理，无需提供）"
    assert event.after["missing"] == "食品经营许可申请书"


def test_a_conditional_material_left_without_a_reason_takes_its_condition(
    proxy_item, proxy_inquiry, front_desk
):
    notice = issue_on(proxy_item, proxy_inquiry, front_desk, not_applicable={PROXY: "  "})
    assert states(notice)[PROXY] == (MaterialState.NOT_APPLICABLE, "委托他人办理时提供")


def test_any_other_material_needs_a_reason_typed(proxy_item, proxy_inquiry, front_desk):
    with pytest.raises(ValidationError) as refused:
        issue_on(proxy_item, proxy_inquiry, front_desk, not_applicable={"营业执照": ""})
    assert "营业执照" in refused.value.message_dict["not_applicable"][0]
    assert not Notice.objects.exists()
    notice = issue_on(proxy_item, proxy_inquiry, front_desk, not_applicable={"营业执照": "已电子核验"})
    assert states(notice)["营业执照"] == (MaterialState.NOT_APPLICABLE, "已电子核验")


def test_brought_and_not_applicable_at_once_is_refused(proxy_item, proxy_inquiry, front_desk):
    with pytest.raises(ValidationError) as refused:
        issue_on(proxy_item, proxy_inquiry, front_desk, brought=[PROXY], not_applicable={PROXY: "本人办理"})
    assert PROXY in refused.value.message_dict["missing_materials"][0]


def test_listed_missing_and_not_applicable_at_once_is_refused(proxy_item, proxy_inquiry, front_desk):
    proxy = material(proxy_item, PROXY).pk
    with pytest.raises(ValidationError):
        notice_issue(
            actor=front_desk.user,
            service_item=proxy_item,
            inquiry=proxy_inquiry,
            missing_material_ids=[proxy],
            not_applicable={proxy: "本人办理"},
        )


def test_a_material_of_another_item_cannot_be_marked(proxy_item, proxy_inquiry, front_desk, food_item):
    with pytest.raises(ValidationError) as refused:
        notice_issue(
            actor=front_desk.user,
            service_item=proxy_item,
            inquiry=proxy_inquiry,
            brought_material_ids=[],
            not_applicable={material(food_item, "营业执照").pk: "无关"},
        )
    assert "not_applicable" in refused.value.message_dict


def test_nothing_left_missing_is_no_notice(proxy_item, proxy_inquiry, front_desk):
    with pytest.raises(ValidationError):
        issue_on(
            proxy_item,
            proxy_inquiry,
            front_desk,
            brought=["食品经营许可申请书", "营业执照"],
            not_applicable={PROXY: "本人办理"},
        )


def test_who_may_not_issue_cannot_mark_either(proxy_item, proxy_inquiry, supervisor):
    with pytest.raises(PermissionDenied):
        issue_on(proxy_item, proxy_inquiry, supervisor, not_applicable={PROXY: "本人办理"})


# --- On the visitor's return ----------------------------------------------------------------


@pytest.fixture
def waiting(proxy_item, proxy_inquiry, front_desk):
    """The application form is missing, and so is the proxy."""
    return issue_on(proxy_item, proxy_inquiry, front_desk, brought=["营业执照"])


def visit(notice, actor, *, brought=(), not_applicable=None, **kwargs):
    by_name = {row.name: row.material_id for row in notice.materials.all()}
    return notice_record_visit(
        actor=actor.user,
        notice=notice,
        brought_ids=[by_name[name] for name in brought],
        not_applicable={by_name[name]: reason for name, reason in (not_applicable or {}).items()},
        **kwargs,
    )


def test_on_the_return_a_missing_material_is_settled_as_not_applicable(waiting, handler):
    recorded = visit(
        waiting, handler, brought=["食品经营许可申请书"], not_applicable={PROXY: "本人到场办理，无需委托"}
    )
    assert recorded.complete is True
    waiting.refresh_from_db()
    assert waiting.status == NoticeStatus.COMPLETE
    proxy = waiting.materials.get(name=PROXY)
    assert proxy.state == MaterialState.NOT_APPLICABLE
    assert proxy.not_applicable_on_visit == recorded
    assert proxy.missing is True  # the notice did list it when issued
    assert [row.name for row in recorded.not_applicable.all()] == [PROXY]
    event = AuditEvent.objects.get(verb="notice.visit", subject_id=str(waiting.pk))
    assert event.after["not_applicable"] == f"{PROXY}（本人到场办理，无需委托）"
    assert event.after["status"] == NoticeStatus.COMPLETE


def test_settling_alone_is_a_visit_and_leaves_the_rest_missing(waiting, handler):
    recorded = visit(waiting, handler, not_applicable={PROXY: ""})  # the condition is taken
    assert recorded.complete is False
    assert waiting.materials.get(name=PROXY).not_applicable_reason == "委托他人办理时提供"
    assert waiting.materials.get(name="食品经营许可申请书").outstanding


def test_a_material_without_a_condition_needs_a_reason_on_the_return(waiting, handler):
    with pytest.raises(ValidationError) as refused:
        visit(waiting, handler, not_applicable={"食品经营许可申请书": " "})
    assert "食品经营许可申请书" in refused.value.message_dict["not_applicable"][0]
    assert not NoticeVisit.objects.exists()


def test_only_a_material_still_missing_can_be_settled(waiting, handler):
    with pytest.raises(ValidationError) as refused:
        visit(waiting, handler, not_applicable={"营业执照": "不需要"})  # brought when issued
    assert "not_applicable" in refused.value.message_dict
    with pytest.raises(ValidationError):
        visit(waiting, handler, brought=[PROXY], not_applicable={PROXY: "本人办理"})
    assert not NoticeVisit.objects.exists()


def test_a_settled_notice_takes_no_more_settling(waiting, handler, front_desk):
    visit(waiting, handler, brought=["食品经营许可申请书"], not_applicable={PROXY: "本人办理"})
    with pytest.raises(ConflictError):
        visit(waiting, front_desk, note="又来了")


def test_who_may_not_record_a_visit_cannot_settle(waiting, supervisor):
    with pytest.raises(PermissionDenied):
        visit(waiting, supervisor, not_applicable={PROXY: "本人办理"})
    assert waiting.materials.get(name=PROXY).outstanding


# --- Run at most once ------------------------------------------------------------------------


def test_demanding_a_material_marked_not_applicable_is_refused_like_one_not_listed(
    proxy_item, proxy_inquiry, front_desk, handler
):
    notice = issue_on(proxy_item, proxy_inquiry, front_desk, not_applicable={PROXY: "本人办理"})
    with pytest.raises(ValidationError) as refused:
        visit(
            notice, handler, brought=["营业执照"], demanded=[Demand(material=material(proxy_item, PROXY).pk)]
        )
    assert PROXY in refused.value.message_dict["demanded"][0]
    assert not NoticeFailure.objects.exists()


def test_the_chief_may_demand_it_and_it_is_a_failure_against_the_issuer(waiting, handler, chief, front_desk):
    visit(waiting, handler, not_applicable={PROXY: "本人办理"})
    recorded = visit(
        waiting, chief, demanded=[Demand(name=PROXY)], override_reason="申请人实为代办，须补委托书"
    )
    failure = NoticeFailure.objects.get()
    assert failure.name == PROXY
    assert failure.staff == front_desk
    assert failure.visit == recorded


def test_lists_count_a_settled_material_as_no_longer_missing_and_offer_it_only_as_a_demand(waiting, handler):
    assert selectors.with_outstanding(Notice.objects.filter(pk=waiting.pk)).get().outstanding == 2
    visit(waiting, handler, not_applicable={PROXY: "本人办理"})
    assert selectors.with_outstanding(Notice.objects.filter(pk=waiting.pk)).get().outstanding == 1
    assert [m.name for m in selectors.outstanding_materials(waiting)] == ["食品经营许可申请书"]
    assert PROXY in [m.name for m in selectors.unlisted_materials(waiting)]
