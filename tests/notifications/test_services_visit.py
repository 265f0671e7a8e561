"""notice_record_visit: what was brought, demands beyond the notice, completion."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from commitments.services import MaterialSpec, service_item_revise
from deadlines.services import ConflictError
from messaging.models import Message
from notifications.models import NoticeFailure, NoticeStatus, NoticeVisit
from notifications.services import Demand, notice_record_visit
from org.roles import Role
from tests.factories import catalogue_keeper
from tests.notifications.conftest import CONTENT, MATERIALS, material


def record(notice, actor, brought=(), **kwargs):
    ids = [notice.materials.get(name=name).material_id for name in brought]
    return notice_record_visit(actor=actor.user, notice=notice, brought_ids=ids, **kwargs)


def test_a_visit_records_what_was_brought(notice, handler):
    visit = record(notice, handler, brought=["营业执照"], note="平面图下周补")
    assert visit.recorded_by == handler
    assert visit.complete is False
    assert [row.name for row in visit.brought.all()] == ["营业执照"]
    licence = notice.materials.get(name="营业执照")
    assert licence.brought_at is not None and licence.brought_on_visit == visit
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.OPEN
    assert AuditEvent.objects.filter(verb="notice.visit", subject_id=str(notice.pk)).count() == 1


def test_bringing_every_listed_material_completes_the_notice(notice, handler, front_desk):
    record(notice, handler, brought=["营业执照"])
    visit = record(notice, front_desk, brought=["经营场所平面布局图"])
    assert visit.complete is True
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.COMPLETE
    assert notice.completed_at is not None


def test_a_second_completion_is_a_conflict(notice, handler, front_desk):
    record(notice, handler, brought=["营业执照", "经营场所平面布局图"])
    with pytest.raises(ConflictError):
        record(notice, front_desk, note="又来了一次")
    assert NoticeVisit.objects.count() == 1


def test_only_materials_still_missing_can_be_brought(notice, handler, food_item):
    with pytest.raises(ValidationError) as refused:
        record(notice, handler, brought=["法定代表人身份证"])  # brought when the notice was issued
    assert "法定代表人身份证" in refused.value.message_dict["brought"][0]
    record(notice, handler, brought=["营业执照"])
    with pytest.raises(ValidationError):
        record(notice, handler, brought=["营业执照"])
    assert NoticeVisit.objects.count() == 1


def test_a_visit_says_something(notice, handler):
    with pytest.raises(ValidationError) as refused:
        record(notice, handler)
    assert "brought" in refused.value.message_dict
    assert not NoticeVisit.objects.exists()


@pytest.mark.parametrize(
    "demand",
    [
        lambda notice: Demand(material=notice.materials.get(name="法定代表人身份证").material_id),
        lambda notice: Demand(name="房屋租赁合同"),
    ],
    ids=["a catalogue material not listed", "a material by name"],
)
def test_demanding_what_the_notice_did_not_list_is_refused_for_a_handler(demand, notice, handler, front_desk):
    wanted = demand(notice)
    with pytest.raises(ValidationError) as refused:
        record(notice, handler, brought=["营业执照"], demanded=[wanted], override_reason="想要")
    message = refused.value.message_dict["demanded"][0]
    assert ("法定代表人身份证" if wanted.material else "房屋租赁合同") in message
    assert front_desk.name in message  # the issuer it would count against
    assert not NoticeVisit.objects.exists()
    assert not NoticeFailure.objects.exists()
    assert notice.materials.get(name="营业执照").brought_at is None


def test_the_front_desk_and_another_sections_chief_cannot_override_either(notice, front_desk, other_chief):
    with pytest.raises(ValidationError):
        record(notice, front_desk, demanded=[Demand(name="房屋租赁合同")], override_reason="需要")
    with pytest.raises(PermissionDenied):  # not their section's notice: they cannot record a visit at all
        record(notice, other_chief, demanded=[Demand(name="房屋租赁合同")], override_reason="需要")
    assert not NoticeFailure.objects.exists()


def test_the_section_chief_overrides_with_a_reason_and_it_is_a_failure_against_the_issuer(
    notice, chief, front_desk
):
    visit = record(
        notice,
        chief,
        brought=["营业执照"],
        demanded=[Demand(name="房屋租赁合同"), Demand(name=" 房屋租赁合同 ")],
        override_reason="经营场所为租赁，需核实使用权",
    )
    failure = NoticeFailure.objects.get()
    assert failure.notice == notice and failure.visit == visit
    assert failure.name == "房屋租赁合同"
    assert failure.material is None
    assert failure.staff == front_desk
    assert failure.department == front_desk.department
    assert failure.overridden_by == chief
    assert failure.reason == "经营场所为租赁，需核实使用权"
    event = AuditEvent.objects.get(verb="notice.failure")
    assert event.subject_id == str(notice.pk)
    assert event.after == {"name": "房屋租赁合同", "staff": {"id": front_desk.pk, "label": "前台小王"}}
    message = Message.objects.get(kind="notice.failure")
    assert message.recipient == front_desk.user
    assert notice.number in message.subject


def test_an_override_of_a_catalogue_material_names_it(notice, chief, food_item):
    id_card = material(food_item, "法定代表人身份证")
    record(notice, chief, demanded=[Demand(material=id_card.pk)], override_reason="原件需重新核验")
    failure = NoticeFailure.objects.get()
    assert (failure.material, failure.name) == (id_card, "法定代表人身份证")


def test_a_material_added_to_the_catalogue_later_is_still_beyond_the_notice(
    notice, chief, handler, food_item
):
    service_item_revise(
        actor=catalogue_keeper(),
        item=food_item,
        content=CONTENT,
        materials=[*MATERIALS, MaterialSpec("食品安全管理制度")],
    )
    food_item.refresh_from_db()
    added = material(food_item, "食品安全管理制度")
    with pytest.raises(ValidationError):
        record(notice, handler, demanded=[Demand(material=added.pk)])
    record(notice, chief, demanded=[Demand(material=added.pk)], override_reason="新规要求")
    assert NoticeFailure.objects.get().material == added


def test_the_chief_must_give_the_reason(notice, chief):
    with pytest.raises(ValidationError) as refused:
        record(
            notice, chief, brought=["营业执照"], demanded=[Demand(name="房屋租赁合同")], override_reason="  "
        )
    assert "房屋租赁合同" in refused.value.message_dict["override_reason"][0]
    assert not NoticeVisit.objects.exists()
    assert not NoticeFailure.objects.exists()


def test_a_listed_material_is_ticked_not_demanded(notice, chief):
    with pytest.raises(ValidationError) as refused:
        record(notice, chief, demanded=[Demand(name="营业执照")], override_reason="再要一份")
    assert "营业执照" in refused.value.message_dict["demanded"][0]
    assert not NoticeFailure.objects.exists()


def test_a_material_of_another_item_is_unknown(notice, chief, make_item):
    other = make_item(code="QT-001").current.materials.get()
    with pytest.raises(ValidationError) as refused:
        record(notice, chief, demanded=[Demand(material=other.pk)], override_reason="需要")
    assert str(other.pk) in refused.value.message_dict["demanded"][0]


def test_who_may_record_a_visit(notice, supervisor, make_staff, other_department):
    with pytest.raises(PermissionDenied):
        record(notice, supervisor, brought=["营业执照"])
    with pytest.raises(PermissionDenied):
        record(notice, make_staff(Role.HANDLER, department=other_department), brought=["营业执照"])
    # The front desk of any section receives the visitor back.
    record(notice, make_staff(Role.FRONT_DESK, department=other_department), brought=["营业执照"])


def test_a_not_acceptable_notice_takes_no_visit(inquiry, food_item, front_desk):
    from notifications.services import notice_issue

    notice = notice_issue(
        actor=front_desk.user,
        service_item=food_item,
        inquiry=inquiry,
        kind="not_acceptable",
        reason="不属于本局职责",
        rule="《某某条例》第三条",
    )
    with pytest.raises(ConflictError):
        notice_record_visit(actor=front_desk.user, notice=notice, note="又来了")
