"""Where automatic records come from: a registry of the facts the rules below
record, which the collection job (``accountability_collect``) reads.

A ``RecordSource`` names its kind (one of ``models.Source``) and gives the
queryset of its candidate rows, each with ``pk`` and the annotations
``acc_staff`` (the person responsible, or None for a section), ``acc_department``,
``acc_on`` (the day it happened) and ``acc_reference`` (the matter's number or
the post's name), and how a row reads in words. The job takes, for each
source, the candidates with no record yet (one anti-join on the record's
unique (source, source_id) index) and claims their records with one insert.

The rules below never import this app: their facts are read here. A higher
app (rule 8's poor ratings) registers its own source in its ``ready()``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import BigIntegerField, Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils.translation import gettext as _

from accountability.models import Source


@dataclass(frozen=True)
class RecordSource:
    kind: str
    candidates: Callable[[], QuerySet]
    describe: Callable[[dict], str]
    link: Callable[[int], str] | None = None


_sources: dict[str, RecordSource] = {}


def register(source: RecordSource) -> None:
    _sources[source.kind] = source


def registered() -> list[RecordSource]:
    return list(_sources.values())


def get(kind: str) -> RecordSource | None:
    return _sources.get(kind)


def _overdue_cases():
    from deadlines.models import Escalation, EscalationStep

    # One per case and due date: the first overdue step, taken when the case was found overdue
    # with no approved extension moving its due date.
    return Escalation.objects.filter(step=EscalationStep.HANDLER).annotate(
        acc_staff=F("case__handler_id"),
        acc_department=F("case__department_id"),
        acc_on=F("due_date"),
        acc_reference=F("case__number"),
        acc_subject=F("case__title"),
    )


def _refusal_findings(kind):
    def candidates():
        from refusals.models import RefusalFinding

        return RefusalFinding.objects.filter(kind=kind).annotate(
            acc_staff=F("staff_id"),
            acc_department=F("department_id"),
            acc_on=F("on"),
            acc_reference=Coalesce(F("refusal__number"), F("case__number"), F("notice__number")),
            acc_subject=F("note"),
        )

    return candidates


def _notice_failures():
    from notifications.models import NoticeFailure

    return NoticeFailure.objects.annotate(
        acc_staff=F("staff_id"),
        acc_department=F("department_id"),
        acc_on=TruncDate("at"),
        acc_reference=F("notice__number"),
        acc_subject=F("name"),
    )


def _breaches():
    from commitments.models import Breach, BreachOutcome

    return Breach.objects.filter(outcome=BreachOutcome.ACCOUNTABILITY).annotate(
        acc_staff=F("staff_id"),
        acc_department=F("staff__department_id"),
        acc_on=F("occurred_on"),
        acc_reference=Coalesce(F("item__code"), Value("—")),
        acc_subject=F("happened"),
    )


def _unowned_inquiries():
    from inquiries.models import OwnerAlert, OwnerStep

    return OwnerAlert.objects.annotate(
        acc_staff=Case(
            When(step=OwnerStep.NOT_ACKNOWLEDGED, then=F("inquiry__transfer__to_id")),
            When(step=OwnerStep.NO_HANDLER_OUTCOME, then=F("inquiry__owner_id")),
            default=F("inquiry__first_responder_id"),
        ),
        acc_department=F("inquiry__department_id"),
        acc_on=TruncDate("at"),
        acc_reference=F("inquiry__number"),
        acc_subject=F("step"),
    )


def _uncovered_posts():
    from abpositions.models import UncoveredPeriod

    return UncoveredPeriod.objects.annotate(
        acc_staff=Value(None, output_field=BigIntegerField()),
        acc_department=F("post__department_id"),
        acc_on=TruncDate("since"),
        acc_reference=F("post__name"),
        acc_subject=Value("", output_field=CharField()),
    )


def _late_handovers():
    from abpositions.models import Handover

    return Handover.objects.filter(flagged=True).annotate(
        acc_staff=F("holder_id"),
        acc_department=F("holder__department_id"),
        acc_on=F("acknowledge_by"),
        acc_reference=F("cover__name"),
        acc_subject=Value("", output_field=CharField()),
    )


def _upheld_complaints():
    from accountability.models import Complaint, ComplaintStatus

    return (
        Complaint.objects.filter(status=ComplaintStatus.ANSWERED, upheld=True)
        .annotate(
            acc_staff=F("about_staff_id"),
            acc_department=Coalesce(F("about_department_id"), F("about_staff__department_id")),
            acc_on=TruncDate("answered_at"),
            acc_reference=F("number"),
            acc_subject=F("subject"),
        )
        .exclude(acc_department=None)
    )


def _inquiry_step_words(row):
    from inquiries.models import OwnerStep

    return _("Inquiry %(number)s: %(step)s") % {
        "number": row["acc_reference"],
        "step": OwnerStep(row["acc_subject"]).label,
    }


def register_builtin() -> None:
    register(
        RecordSource(
            Source.OVERDUE_CASE,
            _overdue_cases,
            lambda row: (
                _("Case %(number)s (%(subject)s) passed its due date %(day)s unfinished.")
                % {"number": row["acc_reference"], "subject": row["acc_subject"], "day": row["acc_on"]}
            ),
        )
    )
    register(
        RecordSource(
            Source.REFUSAL_OVERTURNED,
            _refusal_findings("overturned"),
            lambda row: (
                _("Refusal %(number)s was overturned by the section chief.")
                % {"number": row["acc_reference"]}
            ),
        )
    )
    register(
        RecordSource(
            Source.REFUSAL_UNFILED,
            _refusal_findings("unfiled"),
            lambda row: (
                _("%(number)s was refused with no refusal filed. %(note)s")
                % {"number": row["acc_reference"], "note": row["acc_subject"]}
            ),
        )
    )
    register(
        RecordSource(
            Source.NOTICE_FAILURE,
            _notice_failures,
            lambda row: (
                _("Notice %(number)s did not list “%(material)s”, demanded afterwards.")
                % {"number": row["acc_reference"], "material": row["acc_subject"]}
            ),
        )
    )
    register(
        RecordSource(
            Source.BREACH,
            _breaches,
            lambda row: (
                _("Breach of the service commitments (%(item)s): %(what)s")
                % {"item": row["acc_reference"], "what": row["acc_subject"]}
            ),
        )
    )
    register(RecordSource(Source.INQUIRY_UNOWNED, _unowned_inquiries, _inquiry_step_words))
    register(
        RecordSource(
            Source.POST_UNCOVERED,
            _uncovered_posts,
            lambda row: _("Post %(post)s was left with nobody covering it.") % {"post": row["acc_reference"]},
        )
    )
    register(
        RecordSource(
            Source.HANDOVER_LATE,
            _late_handovers,
            lambda row: (
                _("The handover from %(cover)s was not acknowledged by %(day)s.")
                % {"cover": row["acc_reference"], "day": row["acc_on"]}
            ),
        )
    )
    register(
        RecordSource(
            Source.COMPLAINT,
            _upheld_complaints,
            lambda row: (
                _("Efficiency complaint %(number)s upheld: %(subject)s")
                % {"number": row["acc_reference"], "subject": row["acc_subject"]}
            ),
        )
    )


LINKS = {
    Source.OVERDUE_CASE: ("deadlines.Escalation", "case_id", "cases:detail"),
    Source.NOTICE_FAILURE: ("notifications.NoticeFailure", "notice_id", "notices:detail"),
    Source.BREACH: ("commitments.Breach", "pk", "breaches:detail"),
    Source.INQUIRY_UNOWNED: ("inquiries.OwnerAlert", "inquiry_id", "inquiries:detail"),
    Source.COMPLAINT: ("accountability.Complaint", "pk", "accountability:complaint"),
    Source.HANDOVER_LATE: ("abpositions.Handover", "pk", "abpositions:handover"),
    # The post's own page (its holders, their history); naming a cover is only for while it is uncovered.
    Source.POST_UNCOVERED: ("abpositions.UncoveredPeriod", "post_id", "abpositions:post_holders"),
}


def source_link(record) -> str:
    """The page of what the record is about, where there is one."""
    from django.apps import apps

    registered = get(record.source)
    if registered is not None and registered.link is not None:
        return registered.link(record.source_id)

    if record.source in (Source.REFUSAL_OVERTURNED, Source.REFUSAL_UNFILED):
        from refusals.models import RefusalFinding

        finding = RefusalFinding.objects.filter(pk=record.source_id).values(
            "refusal_id", "case_id", "notice_id"
        )
        row = finding.first()
        if row is None:
            return ""
        if row["refusal_id"]:
            return reverse("refusals:detail", args=[row["refusal_id"]])
        if row["case_id"]:
            return reverse("cases:detail", args=[row["case_id"]])
        return reverse("notices:detail", args=[row["notice_id"]])
    if record.source not in LINKS:
        return ""
    model, field, name = LINKS[record.source]
    target = apps.get_model(model).objects.filter(pk=record.source_id).values_list(field, flat=True).first()
    return reverse(name, args=[target]) if target else ""
