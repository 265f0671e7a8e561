"""Every audited verb reads in words (issue 10, item 4): each field its
events record has its own label, a related object shows its number or name
as it was then, never its database id, and nothing empty is shown.

The verbs are collected from the code, so a new verb fails here until its
app registers its fields (its history module) and tests/audit/every_verb.py
writes a realistic event of it."""

import re

from django.utils import translation

from audit.history import history_lines
from audit.verbs import registered_verbs, verb_entry
from tests.audit.every_verb import verbs_in_code

EMPTY = (None, "", [], {})
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def test_the_collector_finds_verbs_named_every_way_the_code_names_them():
    assert {
        "inquiry.log",  # a literal
        "case.escalation",  # in an EventSpec
        "admin.change",  # either side of a conditional
        "admin.create",
        "personal_data.viewed",  # an imported constant
    } <= verbs_in_code()


def test_every_verb_in_the_code_is_registered_for_the_history():
    unregistered = sorted(verbs_in_code() - set(registered_verbs()))
    assert not unregistered, (
        f"register {unregistered} with the label of each field their events record, "
        "in the writing app's history module (audit.verbs.register_verb)"
    )


def test_every_verb_in_the_code_has_a_realistic_event(every_event):
    events, _subjects = every_event
    missing = sorted(verbs_in_code() - {event.verb for event in events})
    assert not missing, f"write an event of {missing} through its service in tests/audit/every_verb.py"


def _value_problems(where, key, field, value, shown) -> list[str]:
    problems = []
    if isinstance(value, int) and not isinstance(value, bool) and field.kind not in ("number", "hidden"):
        problems.append(f"{where}: {key!r} stores {value!r}, an id? store audit.services.reference(obj)")
    if (
        field.kind == "related"
        and value not in EMPTY
        and not (isinstance(value, dict) and value.get("label"))
    ):
        problems.append(f"{where}: {key!r} stores {value!r} without its number or name")
    if not shown:
        return problems
    if field.kind == "related" and isinstance(value, dict) and ("#" in shown or shown != str(value["label"])):
        problems.append(f"{where}: {key!r} reads {shown!r}, not the {value!r} it stored")
    if field.kind == "choice" and isinstance(value, str) and shown == value:
        problems.append(f"{where}: {key!r} reads its code {shown!r}, not its label")
    if field.kind == "day" and not DAY.match(shown):
        problems.append(f"{where}: {key!r} reads {shown!r}, not a date")
    if field.kind == "moment" and not MOMENT.match(shown):
        problems.append(f"{where}: {key!r} reads {shown!r}, not a time")
    if field.kind == "yes_no" and shown in ("True", "False"):
        problems.append(f"{where}: {key!r} reads {shown!r}")
    return problems


def _problems(event) -> list[str]:
    where = f"{event.verb} (seq {event.seq})"
    entry = verb_entry(event.verb)
    if entry is None:
        return [f"{where}: not registered"]
    problems = [] if str(entry.label) != event.verb else [f"{where}: the verb has no name"]
    model = event.subject_type.model_class()
    [line] = history_lines([event], model)
    changes = {change.label: change for change in line.changes}
    before, after = event.before or {}, event.after or {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        field = entry.field_for(model, key)
        if old in EMPTY and new in EMPTY:
            if field is not None and str(field.label) in changes:
                problems.append(f"{where}: the empty {key!r} is shown")
            continue
        if field is None:
            problems.append(f"{where}: {key!r} has no label")
            continue
        if field.kind == "hidden":
            continue
        label = str(field.label)
        if not label or label == key:
            problems.append(f"{where}: {key!r} is labelled {label!r}")
        change = changes.get(label)
        if change is None:
            if old != new:
                problems.append(f"{where}: {key!r} changed and is not shown")
            continue
        problems += _value_problems(where, key, field, old, change.old)
        problems += _value_problems(where, key, field, new, change.new)
    if event.reason and not line.reason_label:
        problems.append(f"{where}: the reason has no label")
    return problems


def test_each_events_history_line_labels_every_field_and_shows_no_id(every_event):
    events, _subjects = every_event
    with translation.override("zh-hans"):
        problems = [problem for event in events for problem in _problems(event)]
    assert not problems, "\n".join(problems)
