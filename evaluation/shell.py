"""What rule 8's poor-rating loop adds to the shell: the follow-up list in the
menu, and the home's counts: a section chief's poor ratings to follow up, a
supervisor's appeals waiting and follow-ups late.

The list sits in rule 7's accountability menu (问责), not in a menu of its
own: a section chief already has eight places in the one-row menu
(tests/org/test_navigation_menu.py), and a poor rating not followed up in time
becomes an accountability record anyway. Each count links to the list it
counts, whose #follow-ups element carries data-list-total with the same number."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.navigation import HomeCard, NavEntry, register_home_card, register_nav
from evaluation import selectors
from evaluation.models import AppealStatus
from org.predicates import is_section_chief, is_supervisor


def _list(query: str) -> str:
    return f"{reverse('evaluation:follow_ups')}?{query}#follow-ups"


def register() -> None:
    register_nav(
        NavEntry(
            "evaluation_follow_ups",
            _("Poor rating follow-ups"),
            "evaluation:follow_ups",
            "emoji-frown",
            78,
            is_section_chief | is_supervisor,
            group="accountability",
        )
    )
    register_home_card(
        HomeCard(
            "evaluation.follow_ups_pending",
            _("Poor ratings to follow up"),
            "emoji-frown",
            54,
            is_section_chief,
            lambda user: selectors.home_counts(user)["pending"],
            lambda user: _list("status=pending"),
        )
    )
    register_home_card(
        HomeCard(
            "evaluation.rating_appeals",
            _("Rating appeals waiting"),
            "megaphone",
            42,
            is_supervisor,
            lambda user: selectors.home_counts(user)["appeals"],
            lambda user: _list(f"appeal={AppealStatus.FILED}"),
        )
    )
    register_home_card(
        HomeCard(
            "evaluation.follow_ups_late",
            _("Follow-ups late"),
            "alarm",
            43,
            is_supervisor,
            lambda user: selectors.home_counts(user)["late"],
            lambda user: _list("late=true"),
            tone="late",
        )
    )
