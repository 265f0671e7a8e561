"""Who may file, see and decide refusals (rule 6)."""

import rules

from org.predicates import in_same_department, is_section_chief, is_supervisor, staff_of


@rules.predicate
def may_refuse_the_matter(user, matter):
    """Who works the case, or records the inquiry's outcome, may refuse it."""
    if matter is None:
        return False
    if matter._meta.label_lower == "deadlines.case":
        return user.has_perm("deadlines.work_case", matter)
    return user.has_perm("inquiries.record_outcome", matter)


@rules.predicate
def is_the_officer(user, refusal):
    me = staff_of(user)
    return refusal is not None and me is not None and refusal.officer_id == me.pk


@rules.predicate
def chief_of_its_section(user, refusal):
    return refusal is not None and is_section_chief(user) and in_same_department(user, refusal)


rules.add_perm("refusals.file_refusal", may_refuse_the_matter)
# Only the matter's own chief, never the officer themself.
rules.add_perm("refusals.decide_refusal", chief_of_its_section & ~is_the_officer)
rules.add_perm("refusals.view_refusal", is_the_officer | chief_of_its_section | is_supervisor)
rules.add_perm("refusals.view_register", is_section_chief | is_supervisor)
# The chief's review queue: their own section's refusals to confirm or overturn.
rules.add_perm("refusals.view_queue", is_section_chief)
