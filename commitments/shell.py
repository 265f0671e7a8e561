from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commitments.rules import may_list_breaches
from core.navigation import NavEntry, NavGroup, register_nav, register_nav_group
from org.predicates import is_administrator


def register() -> None:
    register_nav_group(NavGroup("commitments", pgettext_lazy("navigation group", "Commitments"), "megaphone"))
    register_nav(
        NavEntry(
            "board", _("Public board"), "board:index", "megaphone", 60, lambda user: True, group="commitments"
        )
    )
    register_nav(
        NavEntry(
            "catalogue",
            _("Service catalogue"),
            "catalogue:list",
            "journal-text",
            65,
            is_administrator,
            group="commitments",
        )
    )
    register_nav(
        NavEntry(
            "breaches",
            _("Breaches"),
            "breaches:list",
            "exclamation-octagon",
            70,
            may_list_breaches,
            group="commitments",
        )
    )
