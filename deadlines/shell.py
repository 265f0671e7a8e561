"""What rule 2 adds to the shell: navigation to the case pages and home panels."""

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
from deadlines import selectors
from org.predicates import is_front_desk, is_handler, is_section_chief, is_staff_member, is_supervisor

# Role predicates only: they are cached on the user, so the navigation costs no query.
works_cases = is_handler | is_front_desk | is_section_chief
oversees_sections = is_section_chief | is_supervisor


def register() -> None:
    register_nav_group(NavGroup("cases", pgettext_lazy("navigation group", "Cases"), "folder2-open"))
    register_nav(
        NavEntry("cases", _("My cases"), "cases:mine", "folder2-open", 10, works_cases, group="cases")
    )
    register_nav(
        NavEntry(
            "section_cases",
            _("Section cases"),
            "cases:section",
            "kanban",
            12,
            oversees_sections,
            group="cases",
        )
    )
    register_nav(
        NavEntry("overdue", _("Overdue"), "cases:overdue", "alarm", 14, is_supervisor, group="cases")
    )
    register_panel(
        HomePanel(
            "deadlines.handler",
            "deadlines/panels/handler.html",
            10,
            is_handler & is_staff_member,
            selectors.home_handler_context,
        )
    )
    register_panel(
        HomePanel(
            "deadlines.chief",
            "deadlines/panels/chief.html",
            15,
            is_section_chief & is_staff_member,
            selectors.home_chief_context,
        )
    )
    register_panel(
        HomePanel(
            "deadlines.supervisor",
            "deadlines/panels/supervisor.html",
            25,
            is_supervisor,
            selectors.home_supervisor_context,
        )
    )
    register_home_card(
        HomeCard(
            "deadlines.overdue",
            _("Overdue cases"),
            "alarm",
            10,
            is_supervisor,
            lambda user: selectors.overdue_cases().count(),
            lambda user: f"{reverse('cases:overdue')}#results",
            tone="late",
        )
    )
    register_home_card(
        HomeCard(
            "deadlines.late_extensions",
            _("Extension requests waiting past their decision day, or decided after it"),
            "hourglass-bottom",
            20,
            is_supervisor,
            lambda user: selectors.late_extensions().count(),
            lambda user: f"{reverse('cases:late_extensions')}#results",
        )
    )
