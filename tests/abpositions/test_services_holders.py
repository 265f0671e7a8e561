"""A post's holders change on the section chief's approval, and only so."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from abpositions import cover
from abpositions.models import ChangeStatus, HolderChange, HolderRole
from abpositions.services_holders import (
    holder_change_approve,
    holder_change_reject,
    holder_change_request,
)
from audit.models import AuditEvent
from core.errors import ConflictError
from messaging.models import Message
from org.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(make_staff):
    return make_staff(Role.HANDLER, name="新人王五", rank=2)


def ask(actor, post, person, role=HolderRole.B):
    return holder_change_request(actor=actor.user, post=post, role=role, proposed=person, reason="岗位调整")


def test_the_chief_asks_and_approves_and_the_new_holder_answers_from_then_on(
    post, a_holder, b_holder, newcomer, chief, away
):
    change = ask(chief, post, newcomer, HolderRole.A)
    assert change.previous == a_holder and change.status == ChangeStatus.PENDING
    post.refresh_from_db()
    assert post.a_holder == a_holder  # nothing moves before the approval
    holder_change_approve(actor=chief.user, change=change, note="同意")
    post.refresh_from_db()
    assert (post.a_holder, post.b_holder) == (newcomer, b_holder)
    assert cover.who_answers(post).staff == newcomer
    event = AuditEvent.objects.for_object(post).get(verb="holder_change.approve")
    assert event.before["a_holder"]["label"] == a_holder.name
    assert event.after["a_holder"]["label"] == newcomer.name
    assert Message.objects.filter(recipient=newcomer.user, kind="holder_change.holder").exists()


def test_an_administrator_may_ask_but_only_the_chief_approves(post, newcomer, administrator, chief):
    change = ask(administrator, post, newcomer)
    assert Message.objects.filter(recipient=chief.user, kind="holder_change.request").count() == 1
    with pytest.raises(PermissionDenied):
        holder_change_approve(actor=administrator.user, change=change)
    holder_change_approve(actor=chief.user, change=change)
    post.refresh_from_db()
    assert post.b_holder == newcomer


def test_a_handler_may_neither_ask_nor_approve(post, newcomer, a_holder, chief):
    with pytest.raises(PermissionDenied):
        ask(a_holder, post, newcomer)
    change = ask(chief, post, newcomer)
    with pytest.raises(PermissionDenied):
        holder_change_approve(actor=a_holder.user, change=change)
    with pytest.raises(PermissionDenied):
        holder_change_reject(actor=a_holder.user, change=change, note="不同意")


def test_the_chief_of_another_section_may_neither_ask_nor_decide(post, newcomer, chief, other_chief):
    with pytest.raises(PermissionDenied):
        ask(other_chief, post, newcomer)
    change = ask(chief, post, newcomer)
    with pytest.raises(PermissionDenied):
        holder_change_approve(actor=other_chief.user, change=change)


def test_a_second_pending_request_for_the_same_post_and_holder_is_a_conflict(
    post, newcomer, make_staff, chief
):
    ask(chief, post, newcomer)
    with pytest.raises(ConflictError):
        ask(chief, post, make_staff(name="另一人"))
    assert HolderChange.objects.filter(post=post).count() == 1
    ask(chief, post, newcomer, HolderRole.A)  # the other holder may be asked for meanwhile


def test_naming_the_other_holder_swaps_the_two(post, a_holder, b_holder, chief):
    change = ask(chief, post, b_holder, HolderRole.A)
    holder_change_approve(actor=chief.user, change=change)
    post.refresh_from_db()
    assert (post.a_holder, post.b_holder) == (b_holder, a_holder)


def test_a_request_must_name_someone_new_of_the_section_with_a_reason(
    post, a_holder, chief, make_staff, other_department
):
    with pytest.raises(ValidationError) as refused:
        ask(chief, post, a_holder, HolderRole.A)
    assert "proposed" in refused.value.message_dict
    stranger = make_staff(Role.HANDLER, department=other_department, name="外科室")
    with pytest.raises(ValidationError) as refused:
        ask(chief, post, stranger)
    assert "proposed" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        holder_change_request(actor=chief.user, post=post, role=HolderRole.B, proposed=chief, reason=" ")
    assert "reason" in refused.value.message_dict


def test_a_request_decided_twice_is_a_conflict(post, newcomer, chief):
    change = ask(chief, post, newcomer)
    holder_change_reject(actor=chief.user, change=change, note="人手不足")
    with pytest.raises(ConflictError):
        holder_change_approve(actor=chief.user, change=change)
    post.refresh_from_db()
    assert post.b_holder != newcomer


def test_a_rejection_needs_a_reason_and_tells_the_requester(post, newcomer, chief, administrator):
    change = ask(administrator, post, newcomer)
    with pytest.raises(ValidationError):
        holder_change_reject(actor=chief.user, change=change, note="  ")
    holder_change_reject(actor=chief.user, change=change, note="人手不足")
    change.refresh_from_db()
    assert (change.status, change.decision_note) == (ChangeStatus.REJECTED, "人手不足")
    assert Message.objects.get(recipient=administrator.user, kind="holder_change.rejected").body == "人手不足"


def test_approving_a_request_overtaken_by_a_swap_is_a_conflict(post, a_holder, b_holder, newcomer, chief):
    stale = ask(chief, post, newcomer, HolderRole.B)
    holder_change_approve(actor=chief.user, change=ask(chief, post, b_holder, HolderRole.A))
    with pytest.raises(ConflictError):
        holder_change_approve(actor=chief.user, change=stale)
    post.refresh_from_db()
    assert (post.a_holder, post.b_holder) == (b_holder, a_holder)
