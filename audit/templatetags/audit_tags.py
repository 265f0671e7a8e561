from django import template
from django.core.exceptions import FieldDoesNotExist

from audit.selectors import events_for
from audit.verbs import verb_label

register = template.Library()


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


@register.inclusion_tag("audit/history_panel.html")
def history_panel(obj):
    """The history panel shown on every object page, in words rather than codes."""
    rows = []
    for event in events_for(obj):
        rows.append(
            {
                "event": event,
                "label": verb_label(event.verb),
                "changes": [(_field_label(type(obj), f), old, new) for f, old, new in event.changes()],
            }
        )
    return {"rows": rows, "subject": obj}
