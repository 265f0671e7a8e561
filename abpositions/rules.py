"""Who may do what in rule 4 (django-rules), each part under its heading."""

import rules

from org.predicates import (
    chiefs_of,
    is_administrator,
    is_chief_of,
    is_section_chief,
    is_staff_member,
    is_supervisor,
    staff_of,
)

# --- Handovers (交接) -------------------------------------------------------------------


@rules.predicate
def is_handover_holder(user, handover):
    me = staff_of(user)
    return handover is not None and me is not None and handover.holder_id == me.pk


@rules.predicate
def is_handover_cover(user, handover):
    me = staff_of(user)
    return handover is not None and me is not None and handover.cover_id == me.pk


@rules.predicate
def is_chief_of_handover(user, handover):
    return handover is not None and is_chief_of(user, handover.holder)


rules.add_perm("abpositions.view_my_handovers", is_staff_member)
rules.add_perm(
    "abpositions.view_handover",
    is_handover_holder | is_handover_cover | is_chief_of_handover | is_supervisor,
)
# B tells A what happened ("B岗承当人应告知A岗离岗期间处理工作的有关情况"); A takes it back.
rules.add_perm("abpositions.hand_over", is_handover_cover)
rules.add_perm("abpositions.acknowledge_handover", is_handover_holder)

# --- Uncovered posts -------------------------------------------------------------------


@rules.predicate
def is_chief_of_post(user, post):
    return post is not None and is_chief_of(user, post)


@rules.predicate
def post_section_has_no_chief(user, post):
    # A section with no chief is never silent: the supervisors were alerted, and may name.
    return post is not None and not chiefs_of(post.department_id).exists()


# Item 5: naming who covers an uncovered post ("由科室负责人…指派其他人").
rules.add_perm("abpositions.name_cover", is_chief_of_post | (is_supervisor & post_section_has_no_chief))

# --- Absences ------------------------------------------------------------------


@rules.predicate
def is_self(user, staff):
    me = staff_of(user)
    return staff is not None and me is not None and me.pk == staff.pk


@rules.predicate
def is_chief_of_staff(user, staff):
    return staff is not None and is_chief_of(user, staff)


@rules.predicate
def is_the_absent(user, absence):
    return absence is not None and is_self(user, absence.staff)


@rules.predicate
def is_chief_of_absent(user, absence):
    return absence is not None and is_chief_of(user, absence.staff)


# The staff member registers their own absence, or their section's chief does.
rules.add_perm("abpositions.register_absence", is_self | is_chief_of_staff)
# Only the chief names who covers when both holders of a post would be away.
rules.add_perm("abpositions.name_absence_cover", is_chief_of_staff)
# Cancelled or ended early ("I am back") by the same people.
rules.add_perm("abpositions.change_absence", is_the_absent | is_chief_of_absent)

# --- Holders ---------------------------------------------------------------------------


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
