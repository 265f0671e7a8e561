"""Reads of handovers: who sees which, and what each lists.

A handover lists what the audit trail says was done as acting for A in the
absence's span, [start, end): every event with ``acting_for`` = A's login,
grouped by its subject (a case, an inquiry…), each subject with its number
and a link to its page. What B "received" for A is what reached B as A's
cover: a transfer to A that B acknowledged, a case routed to B as A's cover
(told by the app that owns it, through ``abpositions.work.received_for``),
listed even when nobody has acted on it yet.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from abpositions.models import Handover
from abpositions.work import Received, received_for
from audit.models import AuditEvent
from audit.verbs import verb_label
from org.predicates import is_section_chief, is_supervisor, staff_of

RECEIVED = "received"  # not an audit verb: what an app tells through ``received_for``
RECEIVED_LABEL = _("Received as cover")


@dataclass(frozen=True)
class MatterEvent:
    at: datetime
    verb: str
    label: str  # the verb in words
    actor: str


@dataclass
class Matter:
    """One subject B acted on for A: its kind, number, label and page."""

    kind: str  # "case", "inquiry": the subject's model
    kind_label: str
    id: str
    number: str
    label: str
    url: str
    events: list[MatterEvent] = field(default_factory=list)


def handovers_visible_to(user):
    """Those the user gave or received; the section's, for its chief; all, for a supervisor."""
    rows = Handover.objects.select_related("holder__department", "cover", "absence")
    me = staff_of(user)
    if me is None:
        return rows.none()
    if is_supervisor(user):
        return rows
    mine = Q(holder=me) | Q(cover=me)
    if is_section_chief(user):
        mine |= Q(holder__department_id=me.department_id)
    return rows.filter(mine)


def handover_for_page(user, pk) -> Handover | None:
    """The handover, or None when the user may not see it (a 404, not a 403)."""
    handover = handovers_visible_to(user).filter(pk=pk).prefetch_related("absence__notes__author").first()
    if handover is None or not user.has_perm("abpositions.view_handover", handover):
        return None
    return handover


def my_handovers(user) -> dict[str, list[Handover]]:
    me = staff_of(user)
    rows = handovers_visible_to(user).order_by("-created_at", "-pk")
    return {
        "received": list(rows.filter(holder=me)[:100]),
        "given": list(rows.filter(cover=me)[:100]),
    }


def _span(handover: Handover) -> Q:
    absence = handover.absence
    return Q(acting_for_id=handover.holder.user_id, at__gte=absence.start, at__lt=absence.end)


def _subjects(events) -> dict[tuple[int, str], object]:
    """The subjects of the events as they read now: one query per kind of subject."""
    wanted = defaultdict(set)
    for event in events:
        wanted[event.subject_type].add(event.subject_id)
    found = {}
    for content_type, ids in wanted.items():
        model = content_type.model_class()
        if model is None:
            continue
        for pk, row in model._default_manager.in_bulk(sorted(ids)).items():
            found[(content_type.pk, str(pk))] = row
    return found


def _matter(content_type, subject_id: str, subject, fallback: str) -> Matter:
    model = content_type.model_class()
    url = subject.get_absolute_url() if subject is not None and hasattr(subject, "get_absolute_url") else ""
    number = str(getattr(subject, "number", "") or fallback)
    label = str(subject) if subject is not None else fallback
    return Matter(
        kind=content_type.model,
        kind_label=str(model._meta.verbose_name) if model else content_type.model,
        id=subject_id,
        number=number,
        # A case reads "<number> <title>": its title, the number being shown already.
        label=label.removeprefix(number).strip(),
        url=url,
    )


def _acted(handover: Handover, events, subjects, matters: dict) -> None:
    """What the audit trail says was done as acting for A in the span."""
    start, end = handover.absence.start, handover.absence.end
    for event in events:
        if event.acting_for_id != handover.holder.user_id or not start <= event.at < end:
            continue
        key = (event.subject_type_id, event.subject_id)
        if key not in matters:
            subject = subjects.get(key)
            matters[key] = _matter(event.subject_type, event.subject_id, subject, event.subject_repr)
        actor = getattr(event.actor, "staff", None) if event.actor else None
        matters[key].events.append(
            MatterEvent(
                at=event.at,
                verb=event.verb,
                label=verb_label(event.verb),
                actor=actor.name if actor else str(event.actor or ""),
            )
        )


def _received(handover: Handover, received: list[Received], matters: dict) -> None:
    """What reached the cover for A in the span, acted on or not yet."""
    start, end = handover.absence.start, handover.absence.end
    for row in received:
        if row.holder_id != handover.holder_id or not start <= row.at < end:
            continue
        content_type = ContentType.objects.get_for_model(row.subject)
        key = (content_type.pk, str(row.subject.pk))
        if key not in matters:
            matters[key] = _matter(content_type, str(row.subject.pk), row.subject, str(row.subject))
        # Positional: RECEIVED is no audit verb, for tests/audit/every_verb.py's collector.
        received = MatterEvent(row.at, RECEIVED, str(RECEIVED_LABEL), row.by)
        matters[key].events.append(received)


def matters_of(handovers: list[Handover]) -> dict[int, list[Matter]]:
    """What each handover lists, in the order first acted on or received: one
    query for the events of all of them, one per kind of subject, and one per
    app that tells what reached a cover (``abpositions.work.received_for``)."""
    if not handovers:
        return {}
    spans = Q()
    for handover in handovers:
        spans |= _span(handover)
    events = list(
        AuditEvent.objects.filter(spans).select_related("actor__staff", "subject_type").order_by("at", "id")
    )
    subjects = _subjects(events)
    received = received_for([(h.holder_id, h.absence.start, h.absence.end) for h in handovers])
    result = {}
    for handover in handovers:
        matters: dict[tuple[int, str], Matter] = {}
        _acted(handover, events, subjects, matters)
        _received(handover, received, matters)
        for matter in matters.values():
            matter.events.sort(key=lambda event: event.at)
        result[handover.pk] = sorted(matters.values(), key=lambda matter: matter.events[0].at)
    return result
