"""Human names for audit verbs. Each app registers its own in AppConfig.ready()."""

from django.utils.translation import gettext_lazy as _

_labels = {
    "admin.create": _("Created in the admin"),
    "admin.change": _("Changed in the admin"),
    "admin.delete": _("Deleted in the admin"),
}


def register_verbs(labels: dict) -> None:
    _labels.update(labels)


def verb_label(verb: str) -> str:
    return str(_labels.get(verb, verb))
