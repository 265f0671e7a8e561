from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commitments.models import BreachOutcome
from commitments.rules import may_list_breaches
from commitments.selectors_breaches import breaches_visible_to
from core.navigation import HomeCard, NavEntry, NavGroup, register_home_card, register_nav, register_nav_group
from org.predicates import is_administrator, is_supervisor


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
    register_home_card(
        HomeCard(
            "commitments.pending_breaches",
            _("Breaches awaiting a decision"),
            "exclamation-octagon",
            40,
            is_supervisor,
            lambda user: breaches_visible_to(user).filter(outcome=BreachOutcome.PENDING).count(),
            lambda user: f"{reverse('breaches:list')}?outcome={BreachOutcome.PENDING}#results",
        )
    )
