"""``{{ phone|mask_phone }}`` and ``{{ id_number|mask_id_number }}``: core.masking in templates."""

from django import template

from core import masking

register = template.Library()


@register.filter
def mask_phone(phone: str) -> str:
    return masking.mask_phone(phone)


@register.filter
def mask_id_number(value: str) -> str:
    return masking.mask_id_number(value)
