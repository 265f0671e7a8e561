"""Reads of the bureau report and of a person's year (rule 7): supervisors see
every section, a section chief their own; counts per section and per outcome;
the thresholds each person crossed.

A record's outcome is its decision in force; an undecided record counts as
"not decided yet" (``UNDECIDED``)."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accountability.models import Card, Outcome, Record, RecordStatus, ThresholdCrossed
from org.models import Staff
from org.predicates import is_section_chief, is_supervisor, staff_of

UNDECIDED = "undecided"


def report_section(user):
    """The section a user's report is limited to, or None for all (supervisors)."""
    if is_supervisor(user):
        return None
    me = staff_of(user)
    return me.department if me is not None else None


def report_list(user) -> QuerySet[Record]:
    rows = Record.objects.select_related("staff", "department", "decision", "decision__measure")
    if is_supervisor(user):
        return rows
    me = staff_of(user)
    if me is None or not is_section_chief(user):
        return rows.none()
    return rows.filter(department_id=me.department_id)


def section_counts(queryset: QuerySet[Record]) -> list[dict]:
    """One query: per section, the records by state, card and outcome."""
    decided = Q(status=RecordStatus.DECIDED)
    rows = list(
        queryset.order_by()
        .values("department_id", "department__name", "department__order", "department__code")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=Q(status=RecordStatus.OPEN)),
            explained=Count("pk", filter=Q(status=RecordStatus.EXPLAINED)),
            decided=Count("pk", filter=decided),
            red=Count("pk", filter=Q(card=Card.RED)),
            **{
                f"outcome_{outcome}": Count("pk", filter=decided & Q(decision__outcome=outcome))
                for outcome in Outcome.values
            },
        )
        .order_by("department__order", "department__code")
    )
    for row in rows:
        row["by_outcome"] = [row[f"outcome_{outcome}"] for outcome in Outcome.values]
    return rows


def outcome_counts(records) -> list[tuple[str, str, int]]:
    """(key, label, count) for each outcome and the undecided, from rows already read."""
    counts = dict.fromkeys([*Outcome.values, UNDECIDED], 0)
    for record in records:
        counts[record.decision.outcome if record.decision_id else UNDECIDED] += 1
    labels = {**dict(Outcome.choices), UNDECIDED: _("Not decided yet")}
    return [(key, labels[key], counts[key]) for key in counts]


def crossings(staff_ids, years=None) -> dict[tuple[int, int], list[ThresholdCrossed]]:
    """The thresholds crossed, by (person, year): one query."""
    rows = ThresholdCrossed.objects.filter(staff_id__in=set(staff_ids)).order_by("year", "threshold")
    if years is not None:
        rows = rows.filter(year__in=set(years))
    found: dict[tuple[int, int], list[ThresholdCrossed]] = {}
    for row in rows:
        found.setdefault((row.staff_id, row.year), []).append(row)
    return found


def person_for_year(user, staff_id) -> Staff | None:
    """The person whose year ``user`` may read: themself, their section's
    people for a chief, anyone for a supervisor; None otherwise (a 404)."""
    me = staff_of(user)
    if me is None:
        return None
    person = Staff.objects.select_related("department").filter(pk=staff_id).first()
    if person is None:
        return None
    if person.pk == me.pk or is_supervisor(user):
        return person
    if is_section_chief(user) and person.department_id == me.department_id:
        return person
    return None


def year_records(person, year: int) -> list[Record]:
    return list(
        Record.objects.filter(staff=person, occurred_on__year=year)
        .select_related("decision", "decision__measure", "decision__decided_by", "appeal")
        .order_by("occurred_on", "pk")
    )


def crossed_in_scope(user, year: int) -> list[ThresholdCrossed]:
    """The thresholds crossed in ``year`` by the people the user's report covers."""
    rows = ThresholdCrossed.objects.filter(year=year).select_related("staff", "staff__department")
    section = report_section(user)
    if not is_supervisor(user):
        if section is None or not is_section_chief(user):
            return []
        rows = rows.filter(staff__department=section)
    return list(rows.order_by("staff__department__name", "staff__name", "threshold"))
