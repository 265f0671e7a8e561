import rules

from org.predicates import is_administrator, is_chief_of, is_section_chief, is_supervisor, staff_of


@rules.predicate
def is_chief_of_breach(user, breach):
    return breach is not None and is_chief_of(user, breach.staff)


@rules.predicate
def is_breach_subject(user, breach):
    me = staff_of(user)
    return breach is not None and me is not None and breach.staff_id == me.pk


@rules.predicate
def is_chief_of_staff(user, staff):
    return staff is not None and is_chief_of(user, staff)


@rules.predicate
def is_self(user, staff):
    me = staff_of(user)
    return staff is not None and me is not None and staff.pk == me.pk


rules.add_perm("commitments.manage_catalogue", is_administrator)
# Without an object: may use the breach pages at all. With one: that breach / staff member.
may_list_breaches = is_supervisor | is_section_chief
rules.add_perm("commitments.list_breaches", may_list_breaches)
# Nobody records or decides a breach against themselves.
rules.add_perm("commitments.record_breach", (is_supervisor | is_chief_of_staff) & ~is_self)
rules.add_perm("commitments.view_breach", is_supervisor | is_chief_of_breach | is_breach_subject)
rules.add_perm("commitments.decide_breach", (is_supervisor | is_chief_of_breach) & ~is_breach_subject)
