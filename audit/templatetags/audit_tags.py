from django import template

from audit.selectors import events_for

register = template.Library()


@register.inclusion_tag("audit/history_panel.html")
def history_panel(obj):
    """The history panel shown on every object page."""
    return {"events": list(events_for(obj)), "subject": obj}
