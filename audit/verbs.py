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


# A subject whose events also record the fields of another model (a service
# item's versions) names that model here, so the panel can label them.
_field_sources: dict[type, tuple[type, ...]] = {}


def register_field_source(model: type, *others: type) -> None:
    _field_sources[model] = _field_sources.get(model, ()) + others


def field_sources(model: type) -> tuple[type, ...]:
    return (model, *_field_sources.get(model, ()))
