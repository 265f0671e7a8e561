"""What rule 7's complaints add to the shell: the supervisors' list and the
desk's form in the accountability menu, the supervisors' counts on the home,
and the public form and tracking on the public board (commitments.board_links)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accountability import selectors
from accountability.models import ComplaintStatus
from commitments.board_links import BoardLink, register_board_link
from core.navigation import HomeCard, NavEntry, register_home_card, register_nav
from org.predicates import is_staff_member, is_supervisor


def register() -> None:
    # In the accountability menu (问责) that accountability.shell registers.
    register_nav(
        NavEntry(
            "complaints",
            _("Efficiency complaints"),
            "accountability:complaints",
            "chat-square-text",
            78,
            is_supervisor,
            group="accountability",
        )
    )
    register_nav(
        NavEntry(
            "complaint_new",
            _("Log a complaint"),
            "accountability:complaint_new",
            "telephone-plus",
            79,
            is_staff_member,
            group="accountability",
        )
    )
    _register_home_cards()
    register_board_link(BoardLink("complaints:new", _("Efficiency complaints"), 20, "chat-square-text"))
    register_board_link(BoardLink("complaints:track", _("Track a complaint"), 21, "search"))


def _register_home_cards() -> None:
    register_home_card(
        HomeCard(
            "accountability.complaints_waiting",
            _("Complaints waiting to be accepted"),
            "chat-square-text",
            40,
            is_supervisor,
            lambda user: selectors.complaint_home_counts(user)["waiting"],
            lambda user: (
                f"{reverse('accountability:complaints')}?status={ComplaintStatus.RECEIVED}#complaints"
            ),
        )
    )
    register_home_card(
        HomeCard(
            "accountability.complaints_overdue",
            _("Complaints overdue"),
            "alarm",
            41,
            is_supervisor,
            lambda user: selectors.complaint_home_counts(user)["overdue"],
            lambda user: f"{reverse('accountability:complaints')}?overdue=1#complaints",
            tone="late",
        )
    )
