from django import template

from audit.history import history_lines
from audit.selectors import events_for

register = template.Library()


@register.inclusion_tag("audit/history_panel.html")
def history_panel(obj):
    """The history panel shown on every object page, in words rather than codes."""
    return {"rows": history_lines(events_for(obj), type(obj)), "subject": obj}
