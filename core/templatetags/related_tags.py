from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.navigation import related_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def related_panels_for(context, obj):
    """The cards higher apps registered for this object's page, in their order."""
    request = context.get("request")
    parts = []
    for panel in related_panels(obj._meta.label_lower):
        panel_context = panel.context(request, obj)
        if panel_context is not None:
            parts.append(render_to_string(panel.template, panel_context, request=request))
    return mark_safe("".join(parts))
