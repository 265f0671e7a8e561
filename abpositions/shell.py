"""What rule 4 adds to the shell: its menu group; each part registers its entries here."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.navigation import NavEntry, NavGroup, register_nav, register_nav_group
from org.predicates import is_staff_member


def register() -> None:
    register_nav_group(NavGroup("posts", pgettext_lazy("navigation group", "A/B posts"), "people"))
    register_nav(
        NavEntry(
            "handovers",
            _("My handovers"),
            "abpositions:handovers",
            "box-arrow-in-down",
            46,
            is_staff_member,
            group="posts",
        )
    )
