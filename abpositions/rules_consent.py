"""Who may ask for, and who may give, the chief's consent to B acting on A's
urgent matter (rule 4). Loaded by ``abpositions.services_consent``."""

import rules

from abpositions.cover import covers
from org.predicates import is_chief_of, staff_of


@rules.predicate
def covers_the_absent(user, absence):
    """Answers now for the work of the staff member away."""
    return absence is not None and covers(staff_of(user), absence.staff_id)


@rules.predicate
def is_chief_of_the_absent(user, consent):
    return consent is not None and is_chief_of(user, consent.absence.staff)


@rules.predicate
def asked_for_it(user, consent):
    me = staff_of(user)
    return consent is not None and me is not None and consent.cover_id == me.pk


rules.add_perm("abpositions.ask_cover_consent", covers_the_absent)
# The chief decides; a chief covering for A does not consent to their own request.
rules.add_perm("abpositions.decide_cover_consent", is_chief_of_the_absent & ~asked_for_it)
rules.add_perm("abpositions.view_cover_consent", is_chief_of_the_absent | asked_for_it)
# B's notes on A's matter, for the handover: who covers A now.
rules.add_perm("abpositions.add_cover_note", covers_the_absent)
