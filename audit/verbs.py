"""What each audit verb means to a reader: its name, the label of every field
its events record and how each value reads, and what its reason is.

Each app registers its own verbs in ``AppConfig.ready()`` (its ``history``
module), as it registers its navigation: the history panel labels a field by
what the verb registered for it, never by guessing from the key's name. The
``admin.*`` verbs record a snapshot of the subject's own fields, so their
fields are the subject model's (``model_field``).

A related object is stored as ``audit.services.reference`` writes it:
``{"id": 43, "label": "202612030002"}``, its number or name as it was then.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"


def _text(value) -> str:
    if isinstance(value, list | tuple):
        return "、".join(_text(item) for item in value if item not in (None, ""))
    return str(value)


def _yes_no(value) -> str:
    return str(_("yes") if value else _("no"))


def _day(value) -> str:
    day = value if isinstance(value, date) else parse_date(str(value))
    return day.strftime(DATE_FORMAT) if day else str(value)


def _moment(value) -> str:
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        return _day(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime(DATETIME_FORMAT)


@dataclass(frozen=True)
class Field:
    """One key of an event's ``before``/``after``: its label and how a value reads.

    ``model`` is set for a related object: an event written before objects were
    stored with their label holds only the id, and is shown by how that row
    reads now (``current``), or as "<model> #id" when the row is gone."""

    label: object
    show: Callable[[object], str] = _text
    kind: str = "text"  # text, number, yes_no, day, moment, choice, related, hidden
    model: type[models.Model] | None = None
    current: Callable[[models.Model], str] = str

    @property
    def is_related(self) -> bool:
        return self.model is not None


def text(label) -> Field:
    """Words, or a list of words (joined with 、)."""
    return Field(label)


def number(label) -> Field:
    """A count or an amount: a number meant as a number, never an id."""
    return Field(label, kind="number")


def yes_no(label) -> Field:
    return Field(label, _yes_no, "yes_no")


def day(label) -> Field:
    return Field(label, _day, "day")


def moment(label) -> Field:
    return Field(label, _moment, "moment")


def hidden() -> Field:
    """Recorded, and left out of the history: what another line says already."""
    return HIDDEN


def viewed(label) -> Field:
    """Personal data shown in full (personal_data.viewed): the label says which, never the value."""
    return Field(label, lambda value: str(_("shown in full")), "yes_no")


def choice(label, choices) -> Field:
    """A stored code (or a list of codes) shown by its label; ``choices`` is
    a TextChoices class or (code, label) pairs."""
    labels = dict(choices.choices if hasattr(choices, "choices") else choices)

    def show(value):
        codes = value if isinstance(value, list) else [value]
        return _text([str(labels.get(code, code)) for code in codes])

    return Field(label, show, "choice")


def related(label, model: type[models.Model], current: Callable[[models.Model], str] = str) -> Field:
    """Another object, stored by ``audit.services.reference``; ``current`` reads
    a row of ``model`` for events that stored only its id."""
    return Field(label, _text, "related", model, current)


def model_field(model: type[models.Model], name: str, label=None) -> Field:
    """The field of a model as it reads in the history: its verbose name, a
    choice's label, yes/no, a date, a related object."""
    source = model._meta.get_field(name)
    label = label or source.verbose_name
    if source.many_to_one or source.one_to_one:
        return related(label, source.related_model)
    if source.choices:
        return choice(label, source.flatchoices)
    if isinstance(source, models.BooleanField):
        return yes_no(label)
    if isinstance(source, models.DateTimeField):
        return moment(label)
    if isinstance(source, models.DateField):
        return day(label)
    if isinstance(source, models.IntegerField | models.DecimalField | models.FloatField):
        return number(label)
    return text(label)


HIDDEN = Field("", kind="hidden")
DEFAULT_REASON = _("Reason")


@dataclass
class Verb:
    label: object
    fields: dict[str, Field] = field(default_factory=dict)
    reason: object = DEFAULT_REASON
    # admin.*: the fields are the subject model's own (a snapshot of the object).
    subject_fields: bool = False

    def field_for(self, model: type[models.Model], key: str) -> Field | None:
        if key in self.fields:
            return self.fields[key]
        if self.subject_fields:
            if key in _subject_fields.get(model, {}):
                return _subject_fields[model][key]
            if key == model._meta.pk.name:
                return HIDDEN  # the subject's own id: the panel is the subject's already
            try:
                return model_field(model, key)
            except FieldDoesNotExist:
                return None
        return None


# Fields of a model whose own verbose name does not say what they are, for the admin.* verbs.
_subject_fields: dict[type[models.Model], dict[str, Field]] = {}

_verbs: dict[str, Verb] = {
    "admin.create": Verb(_("Created in the admin"), subject_fields=True),
    "admin.change": Verb(_("Changed in the admin"), subject_fields=True),
    "admin.delete": Verb(_("Deleted in the admin"), subject_fields=True),
}


def register_verb(verb: str, label, *, fields: Mapping[str, Field] | None = None, reason=None) -> None:
    """Name a verb and label each field its events record. A verb several apps
    write (personal_data.viewed) gathers the fields each registers."""
    entry = _verbs.setdefault(verb, Verb(label))
    entry.fields.update(fields or {})
    if reason is not None:
        entry.reason = reason


def register_subject_fields(model: type[models.Model], fields: Mapping[str, Field]) -> None:
    """Label fields of ``model`` in the admin.* events (a snapshot of the object)
    where the model field's own verbose name does not say what they are."""
    _subject_fields.setdefault(model, {}).update(fields)


def register_verbs(labels: Mapping[str, object]) -> None:
    """Name verbs whose events record no fields."""
    for verb, label in labels.items():
        register_verb(verb, label)


def verb_entry(verb: str) -> Verb | None:
    return _verbs.get(verb)


def registered_verbs() -> dict[str, Verb]:
    return dict(_verbs)


def verb_label(verb: str) -> str:
    entry = _verbs.get(verb)
    return str(entry.label) if entry is not None else verb
