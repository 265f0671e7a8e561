"""What rule 4 adds to the shell: its menu group; each part registers its entries here."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.navigation import NavEntry, NavGroup, register_nav, register_nav_group
from org.predicates import is_administrator, is_section_chief, is_supervisor


def register() -> None:
    register_nav_group(NavGroup("posts", pgettext_lazy("navigation group", "A/B posts"), "people"))
    _register_holders()


def _register_holders() -> None:
    register_nav(
        NavEntry(
            "posts_queue",
            _("Chief's queue"),
            "abpositions:queue",
            "inboxes",
            46,
            is_section_chief,
            group="posts",
        )
    )
    register_nav(
        NavEntry(
            "holder_changes",
            _("Holder changes"),
            "abpositions:changes",
            "arrow-left-right",
            47,
            is_section_chief | is_administrator | is_supervisor,
            group="posts",
        )
    )
