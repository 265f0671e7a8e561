"""What rule 1 adds to the shell: navigation to the inquiry pages and home panels."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.navigation import (
    HomeCard,
    HomePanel,
    NavEntry,
    NavGroup,
    register_home_card,
    register_nav,
    register_nav_group,
    register_panel,
)
from inquiries import selectors
from org.predicates import is_front_desk, is_handler, is_section_chief, is_staff_member, is_supervisor

# Role predicates only: they are cached on the user, so the navigation costs no query.
works_the_desk = is_front_desk | is_handler | is_section_chief
oversees_sections = is_section_chief | is_supervisor


def register() -> None:
    register_nav_group(
        NavGroup("inquiries", pgettext_lazy("navigation group", "Inquiries"), "chat-square-text")
    )
    register_nav(
        NavEntry(
            "inquiry_desk",
            _("Log an inquiry"),
            "inquiries:new",
            "person-raised-hand",
            2,
            works_the_desk,
            group="inquiries",
        )
    )
    register_nav(
        NavEntry(
            "inquiries",
            _("My inquiries"),
            "inquiries:mine",
            "chat-square-text",
            3,
            works_the_desk,
            group="inquiries",
        )
    )
    register_nav(
        NavEntry(
            "transfers",
            _("Transfers"),
            "inquiries:transfers",
            "arrow-left-right",
            4,
            is_handler,
            group="inquiries",
        )
    )
    register_nav(
        NavEntry(
            "section_inquiries",
            _("Section inquiries"),
            "inquiries:section",
            "chat-left-dots",
            5,
            oversees_sections,
            group="inquiries",
        )
    )
    register_nav(
        NavEntry(
            "inquiry_register",
            _("Register"),
            "inquiries:register",
            "journal-bookmark",
            6,
            oversees_sections,
            group="inquiries",
        )
    )
    register_panel(
        HomePanel(
            "inquiries.desk",
            "inquiries/panels/desk.html",
            5,
            is_front_desk & is_staff_member,
            selectors.home_desk_context,
        )
    )
    register_panel(
        HomePanel(
            "inquiries.transfers",
            "inquiries/panels/transfers.html",
            8,
            is_handler & is_staff_member,
            selectors.home_transfers_context,
        )
    )
    register_home_card(
        HomeCard(
            "inquiries.flagged",
            _("Open inquiries flagged: no outcome or acknowledgement in time"),
            "flag",
            30,
            is_supervisor,
            lambda user: selectors.flagged_open_inquiries().count(),
            lambda user: f"{reverse('inquiries:section')}?status=not_closed&flagged=true#results",
            tone="late",
        )
    )
