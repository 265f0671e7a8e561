from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from audit.selectors import events_for
from audit.verbs import field_sources, verb_label

register = template.Library()


def _field(model, name: str):
    for source in field_sources(model):
        try:
            return source._meta.get_field(name)
        except FieldDoesNotExist:
            continue
    return None


def _field_label(model, name: str) -> str:
    field = _field(model, name)
    return str(field.verbose_name) if field is not None else name


def _value(model, name: str, value):
    """What a reader understands: a choice's label, a related row's name, yes/no."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    field = _field(model, name)
    if field is None or value is None:
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation and field.many_to_one:
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related is not None else value
    return value


@register.inclusion_tag("audit/history_panel.html")
def history_panel(obj):
    """The history panel shown on every object page, in words rather than codes."""
    rows = []
    for event in events_for(obj):
        rows.append(
            {
                "event": event,
                "label": verb_label(event.verb),
                "changes": [
                    (_field_label(type(obj), f), _value(type(obj), f, old), _value(type(obj), f, new))
                    for f, old, new in event.changes()
                ],
            }
        )
    return {"rows": rows, "subject": obj}
