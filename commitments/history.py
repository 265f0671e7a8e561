"""How the catalogue's and the breach register's audit events read in the history panel (audit.verbs)."""

from django.utils.translation import gettext_lazy as _

from audit.verbs import choice, day, model_field, register_verb, related, text, yes_no
from commitments.models import BreachOutcome, ServiceItem, ServiceItemVersion
from commitments.services import VERSION_FIELDS
from org.models import Department, Post, Staff

# What a version says, as service_item_create and service_item_revise record it.
VERSION = {name: model_field(ServiceItemVersion, name) for name in VERSION_FIELDS}


def register() -> None:
    register_verb(
        "service_item.create",
        _("Service item created"),
        fields={
            "code": model_field(ServiceItem, "code"),
            **VERSION,
            "department": related(_("department"), Department),
            "published": yes_no(_("published on the public board")),
            "post": related(_("responsible post"), Post),
        },
    )
    register_verb(
        "service_item.revise",
        _("Service item revised (new version)"),
        fields=VERSION,
        reason=_("what changed"),
    )
    register_verb(
        "service_item.listing",
        _("Section or publication changed"),
        fields={
            "department": related(_("department"), Department),
            "published": yes_no(_("published on the public board")),
            "post": related(_("responsible post"), Post),
        },
    )
    register_verb(
        "breach.record",
        _("Breach recorded"),
        fields={
            "staff": related(_("staff member"), Staff),
            "item": related(_("service item"), ServiceItem),
            "occurred_on": day(_("occurred on")),
            "promised": text(_("what was promised")),
            "happened": text(_("what happened")),
            "complaint_received": yes_no(_("a complaint was received or it had a bad effect")),
        },
    )
    register_verb(
        "breach.decide",
        _("Breach decided"),
        fields={"outcome": choice(_("outcome"), BreachOutcome)},
        reason=_("outcome note"),
    )
