import pytest
from django.core.exceptions import ValidationError

from inquiries.models import AskedStaff, InquiryStatus
from org.roles import Role


@pytest.mark.parametrize("order", ["clerk first", "deputy first"])
def test_asked_together_the_deputy_chief_is_the_first_responder_whatever_the_order(
    order, log_inquiry, clerk, deputy_chief
):
    asked = [clerk, deputy_chief] if order == "clerk first" else [deputy_chief, clerk]
    inquiry = log_inquiry(asked=asked)
    assert inquiry.first_responder == deputy_chief
    assert inquiry.department == deputy_chief.department
    assert inquiry.tie_settled is False
    # Everyone asked is recorded, in the order the desk entered them.
    assert [a.staff for a in AskedStaff.objects.filter(inquiry=inquiry)] == asked
    assert inquiry.status == InquiryStatus.OPEN
    assert inquiry.number.startswith("Q")


def test_one_person_asked_is_the_first_responder(log_inquiry, clerk):
    assert log_inquiry(asked=[clerk]).first_responder == clerk


def test_a_tie_at_the_top_must_be_settled_by_the_desk_and_is_recorded(log_inquiry, make_staff, clerk):
    one = make_staff(Role.HANDLER, name="科员甲", rank=2)
    with pytest.raises(ValidationError) as refused:
        log_inquiry(asked=[clerk, one])
    assert "first_responder" in refused.value.message_dict
    assert "科员陈静" in refused.value.message_dict["first_responder"][0]
    inquiry = log_inquiry(asked=[clerk, one], first_responder=one)
    assert inquiry.first_responder == one
    assert inquiry.tie_settled is True


def test_the_desk_cannot_choose_someone_outside_the_tie(log_inquiry, make_staff, clerk, deputy_chief):
    with pytest.raises(ValidationError):
        log_inquiry(asked=[clerk, deputy_chief], first_responder=clerk)
