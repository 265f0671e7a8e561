import rules
from django.core.exceptions import ObjectDoesNotExist

from abpositions.cover import covered_holders, covers
from org.predicates import is_chief_of, is_front_desk, is_handler, is_section_chief, is_supervisor, staff_of


@rules.predicate
def is_first_responder(user, inquiry):
    me = staff_of(user)
    return inquiry is not None and me is not None and inquiry.first_responder_id == me.pk


@rules.predicate
def answers_for_it_now(user, inquiry):
    """Its owner: the first responder, or the handler who acknowledged its transfer."""
    me = staff_of(user)
    return inquiry is not None and me is not None and inquiry.owner_id == me.pk


@rules.predicate
def covers_its_owner(user, inquiry):
    """Answers for its owner while they are away (rule 4: B acts with A's authority)."""
    return inquiry is not None and covers(staff_of(user), inquiry.owner_id)


@rules.predicate
def covers_its_transfer_target(user, inquiry):
    """Answers for the handler it was transferred to, while they are away."""
    if inquiry is None:
        return False
    try:
        return covers(staff_of(user), inquiry.transfer.to_id)
    except ObjectDoesNotExist:
        return False


@rules.predicate
def covers_the_transfer_recipient(user, transfer):
    return transfer is not None and covers(staff_of(user), transfer.to_id)


@rules.predicate
def taken_over_by_a_handler(user, inquiry):
    return inquiry is not None and inquiry.owner_id != inquiry.first_responder_id


@rules.predicate
def logged_the_inquiry(user, inquiry):
    return inquiry is not None and inquiry.created_by_id == user.pk


@rules.predicate
def was_asked(user, inquiry):
    me = staff_of(user)
    return inquiry is not None and me is not None and inquiry.asked.filter(staff=me).exists()


@rules.predicate
def is_transfer_target(user, inquiry):
    me = staff_of(user)
    if inquiry is None or me is None:
        return False
    try:
        return inquiry.transfer.to_id == me.pk
    except ObjectDoesNotExist:
        return False


@rules.predicate
def is_chief_of_inquiry(user, inquiry):
    return inquiry is not None and is_chief_of(user, inquiry)


@rules.predicate
def is_report(user, inquiry):
    return inquiry is not None and inquiry.kind == "report"


@rules.predicate
def is_transfer_recipient(user, transfer):
    me = staff_of(user)
    return transfer is not None and me is not None and transfer.to_id == me.pk


works_the_desk = is_front_desk | is_handler | is_section_chief
involved = is_first_responder | logged_the_inquiry | is_transfer_target | was_asked
# Rule 4: whoever answers now for its owner, or for the handler it went to.
covering = covers_its_owner | covers_its_transfer_target

rules.add_perm("inquiries.log_inquiry", works_the_desk)
# A report's reporter is protected: only who took it, the section chief and the supervisors see it.
rules.add_perm(
    "inquiries.view_inquiry",
    (~is_report & (involved | covering | is_chief_of_inquiry | is_supervisor))
    # A report transferred to a handler is theirs to deal with: they see it too.
    | (
        is_report
        & (
            is_first_responder
            | logged_the_inquiry
            | is_transfer_target
            | covering
            | is_chief_of_inquiry
            | is_supervisor
        )
    ),
)
# Once a handler has acknowledged a transfer, the outcome is theirs to record
# (and the chief's, as for every inquiry of the section), no longer the first
# responder's or the desk's: the handler took the matter over in writing, holds
# the file and calls the visitor back, and a matter two people may close is one
# each leaves to the other. The first responder stays on record as such.
rules.add_perm(
    "inquiries.record_outcome",
    answers_for_it_now
    | covers_its_owner
    | is_chief_of_inquiry
    | (~taken_over_by_a_handler & (is_first_responder | logged_the_inquiry)),
)
# The full phone and ID number: who deals with the visitor. A chief sees a reporter's contact masked.
rules.add_perm(
    "inquiries.see_visitor_contact",
    is_first_responder
    | logged_the_inquiry
    | is_transfer_target
    | covering
    | (is_chief_of_inquiry & ~is_report)
    | is_supervisor,
)


@rules.predicate
def has_had_transfers(user):
    """Someone who has been transferred an inquiry, or acknowledged one for another."""
    from audit.models import AuditEvent
    from inquiries.models import Transfer

    me = staff_of(user)
    if me is None:
        return False
    return (
        Transfer.objects.filter(to=me).exists()
        or AuditEvent.objects.filter(
            verb="transfer.acknowledge", actor=user, acting_for__isnull=False
        ).exists()
    )


@rules.predicate
def covers_someone_now(user):
    me = staff_of(user)
    return me is not None and bool(covered_holders(me))


# The transfers page: who may be transferred inquiries, who has been, and who covers someone now.
rules.add_perm(
    "inquiries.view_transfers", is_handler | is_section_chief | has_had_transfers | covers_someone_now
)
rules.add_perm("inquiries.acknowledge_transfer", is_transfer_recipient | covers_the_transfer_recipient)
rules.add_perm("inquiries.view_register", is_section_chief | is_supervisor)
rules.add_perm("inquiries.view_section_inquiries", is_section_chief | is_supervisor)
