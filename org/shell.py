"""What org adds to the shell: the foundation's navigation and home panels."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.navigation import (
    HomePanel,
    NavEntry,
    NavGroup,
    has_home_cards,
    home_cards_context,
    register_nav,
    register_nav_group,
    register_panel,
)
from org import selectors
from org.predicates import is_administrator, is_section_chief, is_staff_member, is_supervisor


def _anyone_logged_in(user):
    return user.is_authenticated


def register() -> None:
    register_nav_group(NavGroup("manage", pgettext_lazy("navigation group", "Management"), "gear"))
    register_nav(NavEntry("home", _("Home"), "home", "house", 0, _anyone_logged_in))
    register_nav(
        NavEntry(
            "directory", _("Directory"), "org:directory", "diagram-3", 80, is_staff_member, group="manage"
        )
    )
    register_nav(
        NavEntry(
            "calendar", _("Working days"), "workdays:year", "calendar3", 85, _anyone_logged_in, group="manage"
        )
    )
    register_nav(
        NavEntry("admin", _("Administration"), "admin:index", "gear", 100, is_administrator, group="manage")
    )
    register_panel(HomePanel("org.me", "org/panels/me.html", 0, is_staff_member, selectors.home_me_context))
    # The counts the apps contribute (core.navigation.HomeCard): what the supervisor watches.
    register_panel(HomePanel("org.cards", "org/panels/cards.html", 1, has_home_cards, home_cards_context))
    register_panel(
        HomePanel(
            "org.section", "org/panels/section.html", 20, is_section_chief, selectors.home_section_context
        )
    )
    register_panel(
        HomePanel("org.bureau", "org/panels/bureau.html", 30, is_supervisor, selectors.home_bureau_context)
    )
    register_panel(
        HomePanel("org.system", "org/panels/system.html", 40, is_administrator, selectors.home_system_context)
    )
