"""notice_issue: what a notice lists, from which version, and what it does to its inquiry."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from commitments.services import MaterialSpec, service_item_revise
from deadlines.services import ConflictError, case_complete, case_open
from inquiries.models import InquiryStatus, Outcome
from notifications.models import Notice, NoticeKind, NoticeMaterial, NoticeStatus
from notifications.services import notice_issue
from org.roles import Role
from tests.factories import catalogue_keeper
from tests.notifications.conftest import CONTENT, MATERIALS, material


def listed(notice):
    return [row.name for row in notice.materials.filter(missing=True)]


def test_the_notice_lists_exactly_the_materials_not_ticked_as_brought(notice, food_item, front_desk, inquiry):
    assert listed(notice) == ["营业执照", "经营场所平面布局图"]
    assert [row.name for row in notice.materials.filter(missing=False)] == [
        "食品经营许可申请书",
        "法定代表人身份证",
    ]
    assert notice.number == "GZ202611100001"
    assert notice.kind == NoticeKind.MISSING
    assert notice.status == NoticeStatus.OPEN
    assert notice.item_version == food_item.current
    assert notice.department == food_item.department
    assert notice.issued_by == front_desk
    assert (notice.visitor_name, notice.visitor_phone) == ("王先生", "13812345678")
    assert notice.inquiry == inquiry and notice.case is None
    licence = notice.materials.get(name="营业执照")
    assert (licence.form, licence.copies, licence.source) == ("copy", 1, "市场监督管理部门核发")
    assert licence.material == material(food_item, "营业执照")


def test_missing_materials_may_be_named_directly(issue, inquiry, food_item, front_desk):
    notice = notice_issue(
        actor=front_desk.user,
        service_item=food_item,
        inquiry=inquiry,
        missing_material_ids=[material(food_item, "营业执照").pk],
    )
    assert listed(notice) == ["营业执照"]


def test_an_inquiry_still_open_gets_the_notice_as_its_outcome(notice, inquiry):
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.NOTICE
    assert inquiry.outcome == Outcome.NOTICE
    assert notice.number in inquiry.outcome_note


def test_issuing_is_audited(notice, front_desk):
    event = AuditEvent.objects.get(verb="notice.issue", subject_id=str(notice.pk))
    assert event.actor == front_desk.user
    assert event.after["missing"] == "营业执照、经营场所平面布局图"
    assert event.after["item_version"] == {"id": notice.item_version_id, "label": "食品经营许可（新办） (v1)"}


def test_a_revised_catalogue_does_not_change_an_issued_notice(notice, food_item):
    revised = service_item_revise(
        actor=catalogue_keeper(),
        item=food_item,
        content={**CONTENT, "committed_days": 5},
        materials=[*MATERIALS, MaterialSpec("食品安全管理制度")],
        change_note="新增材料",
    )
    notice.refresh_from_db()
    food_item.refresh_from_db()
    assert food_item.current_id == revised.pk != notice.item_version_id
    assert notice.item_version.committed_days == 10
    assert listed(notice) == ["营业执照", "经营场所平面布局图"]
    assert notice.materials.count() == 4


def test_materials_are_those_of_the_version_in_force(issue, inquiry, food_item, front_desk):
    old = material(food_item, "营业执照")
    service_item_revise(
        actor=catalogue_keeper(),
        item=food_item,
        content=CONTENT,
        materials=[*MATERIALS, MaterialSpec("食品安全管理制度")],
    )
    food_item.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        notice_issue(
            actor=front_desk.user, service_item=food_item, inquiry=inquiry, missing_material_ids=[old.pk]
        )
    assert str(old.pk) in refused.value.message_dict["missing_materials"][0]
    assert not Notice.objects.exists()
    notice = issue(inquiry=inquiry, brought=["营业执照"])
    assert "食品安全管理制度" in listed(notice)


def test_something_must_be_missing(issue, inquiry):
    everything = [spec.name for spec in MATERIALS]
    with pytest.raises(ValidationError) as refused:
        issue(inquiry=inquiry, brought=everything)
    assert "missing_materials" in refused.value.message_dict
    with pytest.raises(ValidationError):
        notice_issue(actor=inquiry.created_by, service_item=inquiry.service_item, inquiry=inquiry)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.OPEN
    assert not Notice.objects.exists()


def test_not_acceptable_needs_the_reason_and_the_rule(inquiry, food_item, front_desk):
    with pytest.raises(ValidationError) as refused:
        notice_issue(
            actor=front_desk.user, service_item=food_item, inquiry=inquiry, kind=NoticeKind.NOT_ACCEPTABLE
        )
    assert set(refused.value.message_dict) == {"reason", "rule"}
    with pytest.raises(ValidationError) as refused:
        notice_issue(
            actor=front_desk.user,
            service_item=food_item,
            inquiry=inquiry,
            kind=NoticeKind.NOT_ACCEPTABLE,
            reason="经营场所位于居民住宅楼内",
        )
    assert set(refused.value.message_dict) == {"rule"}
    assert not Notice.objects.exists()


def test_not_acceptable_is_issued_closed_and_closes_its_inquiry(inquiry, food_item, front_desk):
    notice = notice_issue(
        actor=front_desk.user,
        service_item=food_item,
        inquiry=inquiry,
        kind=NoticeKind.NOT_ACCEPTABLE,
        reason="经营场所位于居民住宅楼内",
        rule="《食品经营许可和备案管理办法》第十条",
    )
    assert notice.status == NoticeStatus.CLOSED
    assert (notice.reason, notice.rule) == (
        "经营场所位于居民住宅楼内",
        "《食品经营许可和备案管理办法》第十条",
    )
    assert not NoticeMaterial.objects.filter(notice=notice).exists()
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CLOSED
    assert inquiry.outcome == Outcome.NOTICE


def test_one_notice_per_matter(notice, issue, inquiry):
    with pytest.raises(ConflictError) as refused:
        issue(inquiry=inquiry, brought=["营业执照"])
    assert notice.number in str(refused.value)
    assert Notice.objects.count() == 1


def test_a_closed_inquiry_takes_no_notice(issue, inquiry, front_desk):
    from inquiries.services import inquiry_record_outcome

    inquiry_record_outcome(actor=front_desk.user, inquiry=inquiry, outcome=Outcome.HANDLED)
    with pytest.raises(ConflictError):
        issue(inquiry=inquiry)
    assert not Notice.objects.exists()


def test_an_inquiry_item_must_be_chosen(log_inquiry, front_desk, issue):
    inquiry = log_inquiry(asked=[front_desk])
    with pytest.raises(ValidationError) as refused:
        notice_issue(actor=front_desk.user, inquiry=inquiry, brought_material_ids=[])
    assert "service_item" in refused.value.message_dict


def test_one_source_exactly(issue, inquiry, handler, food_item):
    case = case_open(
        actor=handler.user, service_item=food_item, applicant_name="王先生", applicant_phone="13812345678"
    )
    with pytest.raises(ValidationError):
        issue(inquiry=inquiry, case=case)
    with pytest.raises(ValidationError):
        issue()


def test_who_may_issue_from_an_inquiry(issue, inquiry, make_staff, chief, handler, supervisor, other_chief):
    with pytest.raises(PermissionDenied):
        issue(actor=supervisor, inquiry=inquiry)
    with pytest.raises(PermissionDenied):
        issue(actor=other_chief, inquiry=inquiry)
    with pytest.raises(PermissionDenied):  # not the first responder, not who logged it
        issue(actor=handler, inquiry=inquiry)
    assert issue(actor=chief, inquiry=inquiry).issued_by == chief


def test_a_notice_on_a_case_is_for_the_case_item_and_leaves_the_case_as_it_is(
    issue, handler, food_item, make_staff
):
    from tests.deadlines.conftest import at

    case = case_open(
        actor=handler.user,
        service_item=food_item,
        applicant_name="杭州味佳餐饮管理有限公司",
        applicant_phone="13900001111",
        received_at=at(2026, 11, 9),
    )
    notice = issue(actor=handler, case=case, brought=["营业执照"])
    assert notice.case == case and notice.inquiry is None
    assert notice.visitor_name == "杭州味佳餐饮管理有限公司"
    case.refresh_from_db()
    assert case.is_open
    stranger = make_staff(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied):
        issue(actor=stranger, case=case)


def test_a_closed_case_takes_no_notice(issue, handler, food_item):
    case = case_open(actor=handler.user, service_item=food_item, applicant_name="王先生")
    case_complete(actor=handler.user, case=case)
    with pytest.raises(ConflictError):
        issue(actor=handler, case=case)
