"""How item 5's audit events read in the history panel."""

from django.utils.translation import gettext_lazy as _

from audit.verbs import moment, register_verb, related, text
from org.models import Post, Staff


def register() -> None:
    register_verb(
        "post.uncovered",
        _("Uncovered: both holders away, the chief alerted"),
        fields={"uncovered_since": moment(_("uncovered since")), "alerted": text(_("alerted"))},
    )
    register_verb(
        "post.covered_again",
        _("Covered again"),
        fields={
            "uncovered_since": moment(_("uncovered since")),
            "covered_again_at": moment(_("covered again at")),
        },
    )
    register_verb(
        "absence.name_cover",
        _("Cover named by the chief"),
        fields={"cover": related(_("named cover"), Staff), "post": related(_("post"), Post)},
    )
