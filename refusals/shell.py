"""What rule 6 adds to the shell: its card on the case and inquiry pages, the
chief's queue in the cases menu and its count on the chief's home."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.navigation import (
    HomeCard,
    NavEntry,
    RelatedPanel,
    register_home_card,
    register_nav,
    register_related_panel,
)
from org.predicates import is_section_chief, is_supervisor
from refusals import panels, selectors


def register() -> None:
    for model, context in (
        ("deadlines.case", panels.case_panel),
        ("inquiries.inquiry", panels.inquiry_panel),
    ):
        register_related_panel(
            RelatedPanel(f"refusals.{model}", model, "refusals/panels/related.html", 40, context)
        )
    register_queue()


def register_queue() -> None:
    # In the cases menu (deadlines' NavGroup "cases"): a refusal ends a case or an application.
    register_nav(
        NavEntry(
            "refusals_queue",
            _("Refusals to review"),
            "refusals:queue",
            "x-octagon",
            13,
            is_section_chief,
            group="cases",
        )
    )
    register_nav(
        NavEntry(
            "refusals_register",
            _("Register of refusals"),
            "refusals:register",
            "journal-x",
            15,
            is_section_chief | is_supervisor,
            group="cases",
        )
    )
    register_home_card(
        HomeCard(
            "refusals.waiting",
            _("Refusals waiting for review"),
            "x-octagon",
            30,
            is_section_chief,
            lambda user: selectors.waiting_review(user).count(),
            lambda user: f"{reverse('refusals:queue')}#waiting",
        )
    )
