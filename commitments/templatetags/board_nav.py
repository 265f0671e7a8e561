from django import template

from commitments import board_links as registry

register = template.Library()


@register.simple_tag
def board_links():
    """The links higher apps registered for the board's navigation: {% board_links as links %}."""
    return registry.board_links()
