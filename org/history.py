"""How the organisation's audit events read in the history panel (audit.verbs).
Its admin's edits are admin.* events, labelled by the subject's own fields."""

from django.utils.translation import gettext_lazy as _

from audit.verbs import choice, register_verb
from org.roles import Role


def register() -> None:
    register_verb("staff.roles", _("Roles changed"), fields={"roles": choice(_("roles"), Role)})
