import rules

from abpositions.cover import covers
from org.predicates import (
    is_chief_of,
    is_front_desk,
    is_handler,
    is_section_chief,
    is_supervisor,
    staff_of,
)


@rules.predicate
def is_case_handler(user, case):
    me = staff_of(user)
    return case is not None and me is not None and case.handler_id == me.pk


@rules.predicate
def covers_case_handler(user, case):
    """Answers for the handler while they are away (rule 4: B acts with A's authority)."""
    return case is not None and covers(staff_of(user), case.handler_id)


@rules.predicate
def opened_the_case(user, case):
    return case is not None and case.created_by_id == user.pk


@rules.predicate
def is_chief_of_case(user, case):
    return case is not None and is_chief_of(user, case)


@rules.predicate
def is_chief_of_extension_case(user, extension):
    return extension is not None and is_chief_of(user, extension.case)


@rules.predicate
def requested_the_extension(user, extension):
    me = staff_of(user)
    return extension is not None and me is not None and extension.requested_by_id == me.pk


@rules.predicate
def is_chief_of_handler(user, handler):
    return handler is not None and is_chief_of(user, handler)


rules.add_perm("deadlines.open_case", is_front_desk | is_handler | is_section_chief)
rules.add_perm("deadlines.open_instruction", is_chief_of_handler | is_supervisor)
# Without an object: may open a leader's instruction for some handler at all.
rules.add_perm("deadlines.open_instructions", is_section_chief | is_supervisor)
rules.add_perm(
    "deadlines.view_case",
    is_case_handler | is_chief_of_case | is_supervisor | opened_the_case | covers_case_handler,
)
rules.add_perm("deadlines.work_case", is_case_handler | is_chief_of_case | covers_case_handler)
# A chief does not decide their own request.
rules.add_perm("deadlines.decide_extension", is_chief_of_extension_case & ~requested_the_extension)
rules.add_perm(
    "deadlines.see_applicant_contact",
    is_case_handler | is_chief_of_case | opened_the_case | covers_case_handler,
)
rules.add_perm("deadlines.view_section_cases", is_section_chief | is_supervisor)
rules.add_perm("deadlines.view_overdue_board", is_supervisor)
