"""What rule 4 adds to the shell: its menu group; each part registers its entries here."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from abpositions.selectors_absences import cover_state, shows_cover_panel
from commitments.board_links import BoardLink, register_board_link
from core.navigation import HomePanel, NavEntry, NavGroup, register_nav, register_nav_group, register_panel
from org.predicates import is_administrator, is_section_chief, is_staff_member, is_supervisor


def register() -> None:
    register_nav_group(NavGroup("posts", pgettext_lazy("navigation group", "A/B posts"), "people"))
    register_nav(
        NavEntry(
            "handovers",
            _("My handovers"),
            "abpositions:handovers",
            "box-arrow-in-down",
            76,
            is_staff_member,
            group="posts",
        )
    )
    register_uncovered()
    register_absence_entries()
    _register_holders()
    # Item 6: who serves at each window post today, on the public board.
    register_board_link(BoardLink("public_posts:today", _("On duty today"), 10, "person-check"))


def register_uncovered() -> None:
    """Item 5: the chief's own uncovered posts, each one click from naming a cover."""
    from abpositions.selectors_uncovered import home_chief_context

    register_panel(
        HomePanel(
            "abpositions.uncovered",
            "abpositions/panels/uncovered.html",
            14,
            is_section_chief & is_staff_member,
            home_chief_context,
        )
    )


def register_absence_entries() -> None:
    register_nav(
        NavEntry(
            "post_board",
            _("Post board"),
            "abpositions:board",
            "signpost-2",
            74,
            is_staff_member,
            group="posts",
        )
    )
    register_nav(
        NavEntry(
            "absences",
            _("My absences"),
            "abpositions:absences",
            "airplane",
            75,
            is_staff_member,
            group="posts",
        )
    )
    register_panel(
        HomePanel("abpositions.cover", "abpositions/panels/cover.html", 5, shows_cover_panel, cover_state)
    )


def _register_holders() -> None:
    register_nav(
        NavEntry(
            "posts_queue",
            _("Chief's queue"),
            "abpositions:queue",
            "inboxes",
            71,
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
            72,
            is_section_chief | is_administrator | is_supervisor,
            group="posts",
        )
    )
