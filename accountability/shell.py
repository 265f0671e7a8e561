"""What rule 7 adds to the shell: the accountability menu (问责), and the
home's counts: what waits for the supervisors, and a person's own open cards.

Each count links to the list it counts on the desk or on "my records", whose
element carries data-list-total with the same number (selectors_desk)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accountability import selectors_desk
from core.navigation import HomeCard, NavEntry, NavGroup, register_home_card, register_nav, register_nav_group
from org.predicates import is_section_chief, is_staff_member, is_supervisor


def register() -> None:
    register_nav_group(
        NavGroup("accountability", pgettext_lazy("navigation group", "Accountability"), "shield-exclamation")
    )
    register_records()


def register_records() -> None:
    register_nav(
        NavEntry(
            "accountability_desk",
            _("Supervisor's desk"),
            "accountability:desk",
            "shield-exclamation",
            77,
            is_supervisor,
            group="accountability",
        )
    )
    register_nav(
        NavEntry(
            "accountability_report",
            _("Accountability records"),
            "accountability:report",
            "journal-text",
            77,
            is_section_chief | is_supervisor,
            group="accountability",
        )
    )
    register_nav(
        NavEntry(
            "accountability_mine",
            _("My records"),
            "accountability:mine",
            "person-exclamation",
            79,
            is_staff_member,
            group="accountability",
        )
    )
    _register_cards()


def _desk_card(key, label, icon, order, fragment, tone="warn"):
    register_home_card(
        HomeCard(
            f"accountability.{key}",
            label,
            icon,
            order,
            is_supervisor,
            lambda user: selectors_desk.home_counts(user)[fragment],
            lambda user: f"{reverse('accountability:desk')}#{fragment}",
            tone=tone,
        )
    )


def _register_cards() -> None:
    _desk_card("red", _("Red cards"), "exclamation-octagon-fill", 50, "red", "late")
    _desk_card("appeals", _("Appeals waiting"), "megaphone", 51, "appeals")
    _desk_card("to_decide", _("Records to decide"), "clipboard-check", 52, "explained")
    register_home_card(
        HomeCard(
            "accountability.mine",
            _("My open yellow and red cards"),
            "person-exclamation",
            53,
            is_staff_member,
            selectors_desk.my_open_count,
            lambda user: f"{reverse('accountability:mine')}#open",
            tone="late",
        )
    )
