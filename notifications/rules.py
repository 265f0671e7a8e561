import rules

from inquiries.rules import works_the_desk
from org.predicates import (
    in_same_department,
    is_chief_of,
    is_front_desk,
    is_section_chief,
    is_supervisor,
    staff_of,
)


@rules.predicate
def is_issuer(user, notice):
    me = staff_of(user)
    return notice is not None and me is not None and notice.issued_by_id == me.pk


@rules.predicate
def in_notice_section(user, notice):
    return notice is not None and in_same_department(user, notice)


@rules.predicate
def is_chief_of_notice(user, notice):
    return notice is not None and is_chief_of(user, notice)


@rules.predicate
def answers_for_the_inquiry(user, notice):
    """The inquiry's first responder, the handler who took its transfer over,
    or the chief of its section (rule 1)."""
    if notice is None or notice.inquiry_id is None:
        return False
    me = staff_of(user)
    if me is None:
        return False
    inquiry = notice.inquiry
    chief_of_its_section = is_section_chief(user) and inquiry.department_id == me.department_id
    return me.pk in (inquiry.first_responder_id, inquiry.owner_id) or chief_of_its_section


@rules.predicate
def handles_the_case(user, notice):
    me = staff_of(user)
    return (
        notice is not None
        and me is not None
        and notice.case_id is not None
        and notice.case.handler_id == me.pk
    )


@rules.predicate
def may_open_cases(user):
    return user.has_perm("deadlines.open_case")


@rules.predicate
def may_record_the_inquiry_outcome(user, notice):
    """Receiving the application closes the notice's inquiry: rule 1's right to record its outcome."""
    if notice is None or notice.inquiry_id is None:
        return False
    return user.has_perm("inquiries.record_outcome", notice.inquiry)


# Who receives the visitor when they come back: the issuer, the section that
# handles the matter, and any window of the front desk.
may_record_visit = works_the_desk & (is_issuer | in_notice_section | is_front_desk)

# Without an object: may issue notices at all (the inquiry or case is checked by the service).
rules.add_perm("notifications.issue_notice", works_the_desk)
rules.add_perm("notifications.list_notices", works_the_desk | is_supervisor)
rules.add_perm(
    "notifications.view_notice", may_record_visit | answers_for_the_inquiry | handles_the_case | is_supervisor
)
rules.add_perm("notifications.record_visit", may_record_visit)
# Receiving the application once the materials are complete: who may open cases and
# record the outcome of the notice's inquiry (the service checks the notice's state).
rules.add_perm("notifications.open_case", may_open_cases & may_record_the_inquiry_outcome)
# Demanding a material the notice did not list: the chief of the notice's section only.
rules.add_perm("notifications.override_notice", is_chief_of_notice)
rules.add_perm(
    "notifications.see_visitor_contact",
    is_issuer | answers_for_the_inquiry | is_chief_of_notice | handles_the_case,
)
