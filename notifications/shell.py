"""What rule 5 adds to the shell: the notices in the navigation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.navigation import (
    HomeCard,
    NavEntry,
    NavGroup,
    RelatedPanel,
    register_home_card,
    register_nav,
    register_nav_group,
    register_related_panel,
)
from notifications import panels, selectors
from org.predicates import is_front_desk, is_handler, is_section_chief, is_supervisor

# Role predicates only: they are cached on the user, so the navigation costs no query.
sees_notices = is_front_desk | is_handler | is_section_chief | is_supervisor


def register() -> None:
    register_nav_group(NavGroup("notices", pgettext_lazy("navigation group", "Notices"), "card-checklist"))
    register_nav(
        NavEntry(
            "notices",
            _("One-time notices"),
            "notices:list",
            "card-checklist",
            16,
            sees_notices,
            group="notices",
        )
    )
    for model, context, action_url in (
        ("inquiries.inquiry", panels.inquiry_panel, panels.inquiry_issue_url),
        ("deadlines.case", panels.case_panel, None),
    ):
        register_related_panel(
            RelatedPanel(
                f"notifications.{model}", model, "notifications/panels/related.html", 50, context, action_url
            )
        )
    register_home_card(
        HomeCard(
            "notifications.failures",
            _("Notices with a failure (a material not listed demanded)"),
            "exclamation-triangle",
            50,
            is_supervisor,
            lambda user: selectors.with_failure(selectors.notices_visible_to(user)).count(),
            lambda user: f"{reverse('notices:list')}?failed=true#results",
            tone="late",
        )
    )
