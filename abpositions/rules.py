"""Who may do what in rule 4 (django-rules), each part's permissions in turn."""

import rules

from org.predicates import is_chief_of, staff_of

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
rules.add_perm("abpositions.name_cover", is_chief_of_staff)
# Cancelled or ended early ("I am back") by the same people.
rules.add_perm("abpositions.change_absence", is_the_absent | is_chief_of_absent)
