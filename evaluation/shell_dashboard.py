"""What the evaluation pages add to the shell: the dashboard and "my
evaluation" in the accountability menu (问责), since a group of their own
would make a ninth place in the one-row menu; and the satisfaction figures on
the public board (commitments.board_links)."""

from django.utils.translation import gettext_lazy as _

from commitments.board_links import BoardLink, register_board_link
from core.navigation import NavEntry, register_nav
from org.predicates import is_section_chief, is_staff_member, is_supervisor


def register() -> None:
    register_nav(
        NavEntry(
            "evaluation_dashboard",
            _("Efficiency evaluation"),
            "evaluation:dashboard",
            "bar-chart-line",
            79,
            is_section_chief | is_supervisor,
            group="accountability",
        )
    )
    register_nav(
        NavEntry(
            "evaluation_mine",
            _("My evaluation"),
            "evaluation:mine",
            "person-badge",
            79,
            is_staff_member,
            group="accountability",
        )
    )
    register_board_link(
        BoardLink("public_evaluation:satisfaction", _("Satisfaction figures"), 30, "emoji-smile")
    )
