from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from audit.selectors import events_for
from audit.verbs import field_sources, verb_label

register = template.Library()


def _field_label(model, name: str) -> str:
    for source in field_sources(model):
        try:
            return str(source._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


def _value(value):
    if isinstance(value, bool):
        return _("yes") if value else _("no")
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
                    (_field_label(type(obj), f), _value(old), _value(new)) for f, old, new in event.changes()
                ],
            }
        )
    return {"rows": rows, "subject": obj}
