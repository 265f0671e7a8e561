"""What rule 6 adds to the shell: its card on the case and inquiry pages."""

from core.navigation import RelatedPanel, register_related_panel
from refusals import panels


def register() -> None:
    for model, context in (
        ("deadlines.case", panels.case_panel),
        ("inquiries.inquiry", panels.inquiry_panel),
    ):
        register_related_panel(
            RelatedPanel(f"refusals.{model}", model, "refusals/panels/related.html", 40, context)
        )
