"""How the organisation's audit events read in the history panel (audit.verbs).
Its admin's edits are admin.* events, labelled by the subject's own fields."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from audit.verbs import choice, register_subject_fields, register_verb, related
from org.models import Staff
from org.roles import Role


def register() -> None:
    register_verb("staff.roles", _("Roles changed"), fields={"roles": choice(_("roles"), Role)})
    register_subject_fields(Staff, {"user": related(_("login"), get_user_model())})
