from django import template

from core.bureau_settings import LABELS

register = template.Library()


@register.filter
def setting_label(name):
    return LABELS.get(name, (name, ""))[0]


@register.filter
def setting_unit(name):
    return LABELS.get(name, ("", ""))[1]
