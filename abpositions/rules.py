"""Who may do what in rule 4 (django-rules, on org.predicates)."""

import rules

from org.predicates import is_administrator, is_chief_of, is_section_chief, is_supervisor


@rules.predicate
def is_chief_of_change(user, change):
    return change is not None and is_chief_of(user, change.post)


# Holders (item 1): the chief or an administrator asks; that section's chief alone decides
# ("须经科室主要负责人批准"): an administrator who is not the chief may not.
rules.add_perm("abpositions.request_holder_change", is_chief_of | is_administrator)
# Without an object: may ask for a change of some post at all.
rules.add_perm("abpositions.request_holder_changes", is_section_chief | is_administrator)
rules.add_perm("abpositions.decide_holder_change", is_chief_of_change)
rules.add_perm("abpositions.view_holder_changes", is_section_chief | is_administrator | is_supervisor)
rules.add_perm("abpositions.view_holder_change", is_chief_of_change | is_administrator | is_supervisor)
rules.add_perm("abpositions.view_queue", is_section_chief)
