"""How the outbox's audit events read in the history panel (audit.verbs)."""

from django.utils.translation import gettext_lazy as _

from audit.verbs import choice, hidden, number, register_verb
from messaging.models import Status


def register() -> None:
    register_verb(
        "message.failed",
        _("Message could not be delivered"),
        fields={
            "status": choice(_("status"), Status),
            "attempts": number(_("attempts")),
            "last_error": hidden(),  # the event's reason, shown as the error
        },
        reason=_("error"),
    )
