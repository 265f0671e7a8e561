"""Every write to the catalogue and the breach register goes through here."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_event, reference, snapshot
from commitments.models import (
    BREACH_TRANSITIONS,
    Breach,
    BreachOutcome,
    Material,
    MaterialForm,
    ServiceItem,
    ServiceItemVersion,
)
from core import clock
from core.errors import ConflictError, require

# The fields of a version that a revision compares and copies.
VERSION_FIELDS = [
    "name",
    "basis",
    "conditions",
    "procedure",
    "statutory_days",
    "committed_days",
    "fees",
    "fee_basis",
    "service_standard",
    "place",
    "hours",
    "consult_channel",
    "complaint_channel",
]
MATERIAL_FIELDS = ["name", "form", "copies", "source", "notes", "condition"]


@dataclass(frozen=True)
class MaterialSpec:
    name: str
    form: str = MaterialForm.ORIGINAL
    copies: int = 1
    source: str = ""
    notes: str = ""
    condition: str = ""  # empty: every applicant provides it

    def as_tuple(self):
        return (self.name, self.form, self.copies, self.source, self.notes, self.condition)


def validate_content(content: dict, materials: list[MaterialSpec]) -> None:
    """Raise ValidationError with field messages for content a version must not hold."""
    errors = {}
    missing = [field for field in ("name", "basis") if not str(content.get(field) or "").strip()]
    for field in missing:
        errors[field] = _("This field is required.")
    committed = content.get("committed_days")
    statutory = content.get("statutory_days")
    if committed is None:
        errors["committed_days"] = _("This field is required.")
    elif statutory is not None and committed > statutory:
        errors["committed_days"] = _(
            "The committed time limit (%(committed)s working days) cannot be longer than the statutory one "
            "(%(statutory)s)."
        ) % {"committed": committed, "statutory": statutory}
    unknown = set(content) - set(VERSION_FIELDS)
    if unknown:
        raise ValueError(f"unknown service item fields: {sorted(unknown)}")
    names = [m.name.strip() for m in materials]
    if any(not name for name in names):
        errors["materials"] = _("Every material needs a name.")
    elif len(set(names)) != len(names):
        errors["materials"] = _("A material is listed twice.")
    elif any(m.form not in MaterialForm.values for m in materials):
        errors["materials"] = _("Unknown material form.")
    elif any(m.copies < 1 for m in materials):
        errors["materials"] = _("A material needs at least one copy.")
    if errors:
        raise ValidationError(errors)


def _new_version(*, item, number, actor, content, materials, change_note) -> ServiceItemVersion:
    version = ServiceItemVersion.objects.create(
        item=item,
        number=number,
        created_by=actor,
        created_at=clock.now(),
        change_note=change_note,
        **content,
    )
    Material.objects.bulk_create(
        Material(version=version, order=index, **{f: getattr(spec, f) for f in MATERIAL_FIELDS})
        for index, spec in enumerate(materials)
    )
    return version


def _normalise(content: dict) -> dict:
    defaults = dict.fromkeys(VERSION_FIELDS, "")
    defaults["statutory_days"] = None
    return {
        **defaults,
        **{key: (value.strip() if isinstance(value, str) else value) for key, value in content.items()},
    }


# An argument left out: the item keeps what it has.
KEEP = object()


def _check_post(post, department) -> None:
    """The responsible post (rule 4) is one of the item's own section's posts."""
    if post is not None and post.department_id != department.pk:
        raise ValidationError(
            {"post": _("The responsible post must be a post of %(section)s.") % {"section": department.name}}
        )


def service_item_create(
    *,
    actor,
    code: str,
    department,
    content: dict,
    materials: list[MaterialSpec],
    published: bool = True,
    post=None,
) -> ServiceItem:
    require(actor, "commitments.manage_catalogue")
    content = _normalise(content)
    validate_content(content, materials)
    _check_post(post, department)
    with transaction.atomic():
        try:
            with transaction.atomic():
                item = ServiceItem.objects.create(
                    code=code.strip(),
                    department=department,
                    post=post,
                    published=published,
                    created_at=clock.now(),
                )
        except IntegrityError:
            raise ValidationError(
                {"code": _("A service item with code %(code)s exists already.") % {"code": code}}
            ) from None
        version = _new_version(
            item=item, number=1, actor=actor, content=content, materials=materials, change_note=""
        )
        item.current = version
        item.save(update_fields=["current"])
        record_event(
            actor=actor,
            verb="service_item.create",
            subject=item,
            after={
                "code": item.code,
                **content,
                "department": reference(item.department),
                "published": item.published,
                "post": reference(item.post),
            },
        )
    return item


def version_content(version: ServiceItemVersion) -> tuple[dict, list[MaterialSpec]]:
    """What a version says, in the form the services take it."""
    content = {name: getattr(version, name) for name in VERSION_FIELDS}
    materials = [MaterialSpec(**{f: getattr(m, f) for f in MATERIAL_FIELDS}) for m in version.materials.all()]
    return content, materials


def changed_version_fields(
    version: ServiceItemVersion, content: dict, materials: list[MaterialSpec]
) -> list[str]:
    """The fields (and "materials") in which ``content`` and ``materials`` differ from ``version``."""
    changed = [name for name in VERSION_FIELDS if getattr(version, name) != content.get(name)]
    current = [tuple(getattr(m, f) for f in MATERIAL_FIELDS) for m in version.materials.all()]
    if current != [spec.as_tuple() for spec in materials]:
        changed.append("materials")
    return changed


def version_differs(version: ServiceItemVersion, content: dict, materials: list[MaterialSpec]) -> bool:
    return bool(changed_version_fields(version, _normalise(content), materials))


def service_item_revise(
    *, actor, item: ServiceItem, content: dict, materials: list[MaterialSpec], change_note: str = ""
) -> ServiceItemVersion | None:
    """Make a new version when anything differs; None when nothing does."""
    require(actor, "commitments.manage_catalogue")
    content = _normalise(content)
    validate_content(content, materials)
    with transaction.atomic():
        item = ServiceItem.objects.select_for_update(of=("self",)).select_related("current").get(pk=item.pk)
        old = item.current
        if old is not None and not version_differs(old, content, materials):
            return None
        number = (old.number if old else 0) + 1
        version = _new_version(
            item=item,
            number=number,
            actor=actor,
            content=content,
            materials=materials,
            change_note=change_note,
        )
        item.current = version
        item.save(update_fields=["current"])
        record_event(
            actor=actor,
            verb="service_item.revise",
            subject=item,
            before=snapshot(old, VERSION_FIELDS) if old else None,
            after=content,
            reason=change_note,
        )
    return version


def service_item_update_listing(
    *, actor, item: ServiceItem, department=None, published: bool | None = None, post=KEEP
) -> None:
    """Change what is not versioned: the section that owns the item, the post
    responsible for it, and whether it is on the board. An item moved to
    another section leaves its old section's post unless given a new one."""
    require(actor, "commitments.manage_catalogue")
    department = department or item.department
    if post is KEEP:
        post = item.post if item.post_id and item.post.department_id == department.pk else None
    _check_post(post, department)
    fields = ["department", "published", "post"]
    with transaction.atomic():
        before = snapshot(item, fields)
        item.department = department
        item.post = post
        if published is not None:
            item.published = published
        item.save(update_fields=fields)
        after = snapshot(item, fields)
        if after != before:
            record_event(actor=actor, verb="service_item.listing", subject=item, before=before, after=after)


def service_item_edit(
    *,
    actor,
    item: ServiceItem,
    department,
    published: bool,
    content: dict,
    materials: list[MaterialSpec],
    change_note: str = "",
    post=KEEP,
) -> tuple[ServiceItemVersion | None, bool]:
    """An item's listing and content changed together, or not at all.

    Returns the new version (None when the content is unchanged) and whether
    the listing (section, responsible post, publication) changed.
    """
    require(actor, "commitments.manage_catalogue")
    # Refused before anything is written, so that ``item`` is left as it was.
    validate_content(_normalise(content), materials)
    if post is not KEEP:
        _check_post(post, department)
    relisted = (
        department != item.department
        or published != item.published
        or (post is not KEEP and post != item.post)
    )
    with transaction.atomic():
        if relisted:
            service_item_update_listing(
                actor=actor, item=item, department=department, published=published, post=post
            )
        version = service_item_revise(
            actor=actor, item=item, content=content, materials=materials, change_note=change_note
        )
    return version, relisted


def version_in_force(item: ServiceItem, day) -> ServiceItemVersion | None:
    """The version of the item the public was promised on ``day``.

    A breach dated before the item's first version (a catalogue entered
    after the fact) is held to that first version, the earliest text known.
    """
    end_of_day = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    versions = item.versions.order_by("-created_at", "-number")
    return versions.filter(created_at__lt=end_of_day).first() or versions.last()


def breach_record(
    *,
    actor,
    staff,
    occurred_on,
    promised: str,
    happened: str,
    item: ServiceItem | None = None,
    evidence: str = "",
    evidence_file=None,
    complaint_received: bool = False,
) -> Breach:
    require(actor, "commitments.record_breach", staff)
    if not promised.strip() or not happened.strip():
        raise ValidationError(_("Say what was promised and what happened."))
    if occurred_on > clock.localdate():
        raise ValidationError({"occurred_on": _("A breach cannot have happened in the future.")})
    with transaction.atomic():
        breach = Breach.objects.create(
            staff=staff,
            item=item,
            item_version=version_in_force(item, occurred_on) if item else None,
            occurred_on=occurred_on,
            promised=promised.strip(),
            happened=happened.strip(),
            evidence=evidence.strip(),
            evidence_file=evidence_file or "",
            complaint_received=complaint_received,
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        record_event(
            actor=actor,
            verb="breach.record",
            subject=breach,
            after=snapshot(
                breach, ["staff", "item", "occurred_on", "promised", "happened", "complaint_received"]
            ),
        )
    return breach


def breach_decide(*, actor, breach: Breach, outcome: str, note: str = "") -> Breach:
    """Criticism and education, passed on to accountability, or not a breach; once."""
    require(actor, "commitments.decide_breach", breach)
    if outcome not in BreachOutcome.values or outcome == BreachOutcome.PENDING:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if breach.complaint_received and outcome == BreachOutcome.CRITICISM:
        raise ValidationError(
            {"outcome": _("A breach with a complaint or a bad effect goes to accountability (rule 7).")}
        )
    with transaction.atomic():
        allowed_from = [old for old, targets in BREACH_TRANSITIONS.items() if outcome in targets]
        claimed = Breach.objects.filter(pk=breach.pk, outcome__in=allowed_from).update(
            outcome=outcome, outcome_note=note.strip(), decided_by=actor, decided_at=clock.now()
        )
        if claimed != 1:
            raise ConflictError(_("This breach has been decided already."))
        old_outcome = breach.outcome
        breach.refresh_from_db()
        record_event(
            actor=actor,
            verb="breach.decide",
            subject=breach,
            before={"outcome": old_outcome},
            after={"outcome": outcome},
            reason=note,
        )
    return breach
