from django.utils.translation import gettext_lazy as _

from commitments.rules import may_list_breaches
from core.navigation import NavEntry, register_nav
from org.predicates import is_administrator


def register() -> None:
    register_nav(NavEntry("board", _("Public board"), "board:index", "megaphone", 60, lambda user: True))
    register_nav(
        NavEntry("catalogue", _("Service catalogue"), "catalogue:list", "journal-text", 65, is_administrator)
    )
    register_nav(
        NavEntry("breaches", _("Breaches"), "breaches:list", "exclamation-octagon", 70, may_list_breaches)
    )
