"""Every write to one-time notices goes through here (rule 5)."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_event, reference
from commitments.models import Material, ServiceItem
from core import clock
from core.errors import ConflictError, require
from core.masking import PERSONAL_DATA_VIEWED
from core.numbers import next_number
from deadlines.models import OPEN_STATUSES, Case
from inquiries.models import AWAITING_OUTCOME_STATUSES, Inquiry, InquiryStatus, Outcome
from inquiries.services import inquiry_close_by_notice, inquiry_open_case, inquiry_record_outcome
from messaging.models import Channel
from messaging.services import message_queue
from notifications import links
from notifications.models import (
    NOTICE_TRANSITIONS,
    Notice,
    NoticeFailure,
    NoticeKind,
    NoticeMaterial,
    NoticeStatus,
    NoticeVisit,
)
from org.predicates import staff_of

__all__ = ["ConflictError", "Demand", "notice_issue", "notice_open_case", "notice_record_visit"]

NUMBER_PREFIX = "GZ"  # 告知


@dataclass(frozen=True)
class Demand:
    """A material asked of the visitor on a return visit: a material of the
    item's catalogue (its id), or a name when the catalogue has none."""

    material: int | None = None
    name: str = ""


def _material_ids(values: Iterable | None, field: str) -> list[int]:
    ids = []
    for value in values or ():
        try:
            ids.append(int(getattr(value, "pk", value)))
        except (TypeError, ValueError):
            raise ValidationError(
                {field: _("“%(value)s” is not a material id.") % {"value": value}}
            ) from None
    return list(dict.fromkeys(ids))


def _names(materials) -> str:
    return "、".join(f"“{material.name}”" for material in materials)


NOT_APPLICABLE_REASON_MAX = 300


def _not_applicable_reasons(given: Mapping | None, by_id: dict, field: str) -> dict[int, str]:
    """The materials marked not applicable to this applicant, by id, each with
    its reason: the one given, or for a conditional material its condition
    (the page prefills it). ``by_id`` holds the materials that may be marked."""
    reasons = {}
    for key, reason in (given or {}).items():
        pk = _material_ids([key], field)[0]
        material = by_id.get(pk)
        if material is None:
            raise ValidationError(
                {field: _("Material %(ids)s cannot be marked not applicable here.") % {"ids": pk}}
            )
        reason = str(reason or "").strip() or material.condition
        if not reason:
            raise ValidationError(
                {
                    field: _("Give the reason “%(name)s” does not apply to this applicant.")
                    % {"name": material.name}
                }
            )
        if len(reason) > NOT_APPLICABLE_REASON_MAX:
            raise ValidationError(
                {
                    field: _("The reason for “%(name)s” is too long: at most %(max)s characters.")
                    % {"name": material.name, "max": NOT_APPLICABLE_REASON_MAX}
                }
            )
        reasons[pk] = reason
    return reasons


def _reasons_entry(named_reasons) -> dict:
    """The materials settled as not applicable, as the audit event keeps them
    ("name（reason）、…"); nothing when there are none."""
    text = "、".join(f"{name}（{reason}）" for name, reason in named_reasons)
    return {"not_applicable": text} if text else {}


def _snapshot(notice: Notice) -> dict:
    """What an event records of a notice (labelled in notifications.history)."""
    case = notice.case
    return {
        "status": notice.status,
        "kind": notice.kind,
        "case": reference(case, case.number if case else None),
    }


def _move(notice: Notice, to: str) -> None:
    if to not in NOTICE_TRANSITIONS.get(notice.status, ()):
        raise ConflictError(
            _("This notice is %(status)s; that cannot be done now.") % {"status": notice.get_status_display()}
        )
    notice.status = to


def _missing_of(version, materials, missing_ids, brought_ids, not_applicable: dict) -> set[int]:
    """The ids of the version's materials the notice lists as missing: those
    named, or all but those ticked as brought and those not applicable."""
    field = "missing_materials"
    if not materials:
        raise ValidationError(
            {field: _("%(item)s lists no materials, so none can be missing.") % {"item": version.name}}
        )
    if missing_ids is None and brought_ids is None:
        raise ValidationError(
            {field: _("Tick the materials the visitor brought; the others are listed as missing.")}
        )
    given = _material_ids(missing_ids if missing_ids is not None else brought_ids, field)
    by_id = {material.pk: material for material in materials}
    unknown = [pk for pk in given if pk not in by_id]
    if unknown:
        raise ValidationError(
            {
                field: _(
                    "Material %(ids)s is not in the version of %(item)s in force; the catalogue may have "
                    "been revised since the page was opened."
                )
                % {"ids": ", ".join(str(pk) for pk in unknown), "item": version.name}
            }
        )
    both = [by_id[pk] for pk in given if pk in not_applicable]
    if both:
        if missing_ids is not None:
            message = _("%(names)s cannot be both missing and not applicable.")
        else:
            message = _("%(names)s cannot be both brought and not applicable.")
        raise ValidationError({field: message % {"names": _names(both)}})
    missing = set(given) if missing_ids is not None else set(by_id) - set(given) - set(not_applicable)
    if not missing:
        raise ValidationError(
            {
                field: _(
                    "Nothing is missing: with every material brought, the application is received, "
                    "not answered with a notice."
                )
            }
        )
    return missing


def _check_source(*, actor, service_item, inquiry, case):
    """The inquiry or case a notice is issued from, the right to answer it, and its item."""
    if (inquiry is None) == (case is None):
        raise ValidationError({"inquiry": _("Issue the notice from one inquiry or one case.")})
    if inquiry is not None:
        require(actor, "inquiries.record_outcome", inquiry)
        service_item = service_item or inquiry.service_item
    else:
        require(actor, "deadlines.work_case", case)
        if case.service_item_id is None:
            raise ValidationError(
                {"case": _("A leader's instruction has no service item: it needs no notice.")}
            )
        if service_item is not None and service_item.pk != case.service_item_id:
            raise ValidationError({"service_item": _("A notice on a case is for the case's service item.")})
        service_item = case.service_item
    if service_item is None:
        raise ValidationError({"service_item": _("Choose the service item the visitor asked about.")})
    # The version in force now, whatever the caller's copy of the item says.
    service_item = ServiceItem.objects.select_related("current", "department").get(pk=service_item.pk)
    if not service_item.published or service_item.current_id is None:
        raise ValidationError({"service_item": _("This service item is not published.")})
    return service_item


def _copy_materials(notice: Notice, materials, missing: set[int], reasons: dict[int, str]) -> None:
    """The notice's own copy of the version's materials, each missing, brought or not applicable."""
    NoticeMaterial.objects.bulk_create(
        NoticeMaterial(
            notice=notice,
            material=material,
            order=index,
            name=material.name,
            form=material.form,
            copies=material.copies,
            source=material.source,
            notes=material.notes,
            condition=material.condition,
            missing=material.pk in missing,
            not_applicable_reason=reasons.get(material.pk, ""),
        )
        for index, material in enumerate(materials)
    )


def _file_refusal(actor, notice: Notice) -> None:
    """Rule 6: "cannot be accepted at all" is a refusal, filed with the notice or not at all."""
    filer = links.refusal_filer()
    if filer is None:
        raise ConflictError(_("Refusals are not recorded in this system: a matter cannot be refused here."))
    filer(actor, notice)


def notice_issue(
    *,
    actor,
    service_item=None,
    inquiry: Inquiry | None = None,
    case: Case | None = None,
    kind: str = NoticeKind.MISSING,
    missing_material_ids: Iterable | None = None,
    brought_material_ids: Iterable | None = None,
    not_applicable: Mapping | None = None,
    reason: str = "",
    rule: str = "",
    note: str = "",
    issued_at=None,
) -> Notice:
    """Issue a one-time notice from an inquiry or a case. It lists the service
    item's version in force and, for missing materials, the materials named in
    ``missing_material_ids`` or all but those in ``brought_material_ids`` and
    ``not_applicable`` (material id → why it does not apply to this
    applicant; a conditional material's condition when blank); a matter that
    cannot be accepted needs the reason and the rule instead.

    From an inquiry still open, this is its outcome (rule 1); a matter that
    cannot be accepted closes it. ``issued_at`` is now unless given (the
    demo's history)."""
    require(actor, "notifications.issue_notice")
    me = staff_of(actor)
    if me is None:
        raise PermissionDenied
    if kind not in NoticeKind.values:
        raise ValidationError({"kind": _("Choose what the notice says.")})
    service_item = _check_source(actor=actor, service_item=service_item, inquiry=inquiry, case=case)
    version = service_item.current
    materials = list(version.materials.all())
    missing, reasons = set(), {}
    if kind == NoticeKind.MISSING:
        by_id = {material.pk: material for material in materials}
        reasons = _not_applicable_reasons(not_applicable, by_id, "not_applicable")
        missing = _missing_of(version, materials, missing_material_ids, brought_material_ids, reasons)
    else:
        errors = {}
        if not reason.strip():
            errors["reason"] = _("Give the reason the matter cannot be accepted.")
        if not rule.strip():
            errors["rule"] = _("Name the rule the refusal rests on.")
        if errors:
            raise ValidationError(errors)
    now = issued_at or clock.now()
    with transaction.atomic():
        if inquiry is not None:
            source = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
            if source.status not in (*AWAITING_OUTCOME_STATUSES, InquiryStatus.NOTICE):
                raise ConflictError(
                    _("Inquiry %(number)s is closed or transferred.") % {"number": source.number}
                )
            visitor_name, visitor_phone = source.visitor_name, source.visitor_phone
            earlier = Notice.objects.filter(inquiry=source)
        else:
            source = Case.objects.select_for_update().get(pk=case.pk)
            if source.status not in OPEN_STATUSES:
                raise ConflictError(_("Case %(number)s is closed.") % {"number": source.number})
            visitor_name, visitor_phone = source.applicant_name, source.applicant_phone
            earlier = Notice.objects.filter(case=source)
        # A second notice for the same matter would ask for more than the first listed.
        earlier = earlier.filter(
            service_item=service_item, status__in=(NoticeStatus.OPEN, NoticeStatus.COMPLETE)
        ).first()
        if earlier is not None:
            raise ConflictError(
                _("Notice %(number)s has been issued for this matter already; record the visit on it.")
                % {"number": earlier.number}
            )
        closed = kind == NoticeKind.NOT_ACCEPTABLE
        notice = Notice.objects.create(
            number=next_number(NUMBER_PREFIX, timezone.localdate(now)),
            kind=kind,
            status=NoticeStatus.CLOSED if closed else NoticeStatus.OPEN,
            service_item=service_item,
            item_version=version,
            inquiry=source if inquiry is not None else None,
            case=source if case is not None else None,
            department=service_item.department,
            visitor_name=visitor_name,
            visitor_phone=visitor_phone,
            issued_by=me,
            issued_at=now,
            reason=reason.strip() if closed else "",
            rule=rule.strip() if closed else "",
            note=note.strip(),
            closed_at=now if closed else None,
        )
        if not closed:
            _copy_materials(notice, materials, missing, reasons)
        record_event(
            actor=actor,
            verb="notice.issue",
            subject=notice,
            after={
                **_snapshot(notice),
                "item_version": reference(version),
                "missing": "、".join(material.name for material in materials if material.pk in missing),
                **_reasons_entry(
                    (material.name, reasons[material.pk]) for material in materials if material.pk in reasons
                ),
            },
            reason=notice.reason,
        )
        if closed:
            _file_refusal(actor, notice)
        if inquiry is not None:
            told = _("One-time notice %(number)s issued.") % {"number": notice.number}
            if closed:
                still_waiting = source.notices.filter(
                    status__in=(NoticeStatus.OPEN, NoticeStatus.COMPLETE)
                ).exists()
                if not still_waiting:
                    inquiry_close_by_notice(actor=actor, inquiry=source, note=f"{told} {notice.reason}")
            elif source.status in AWAITING_OUTCOME_STATUSES:
                inquiry_record_outcome(actor=actor, inquiry=source, outcome=Outcome.NOTICE, note=told)
    if inquiry is not None:
        inquiry.refresh_from_db()
    return notice


def _demanded_beyond(notice: Notice, rows: list[NoticeMaterial], demanded: Sequence[Demand]):
    """The demands that ask for more than the notice listed, as (material, name)."""
    # A material settled as not applicable is no longer asked for: demanding it is beyond the notice.
    listed_ids = {row.material_id for row in rows if row.listed}
    listed_names = {row.name.strip() for row in rows if row.listed}
    wanted_ids = _material_ids([d.material for d in demanded if d.material is not None], "demanded")
    catalogue = {
        material.pk: material
        for material in Material.objects.filter(pk__in=wanted_ids, version__item_id=notice.service_item_id)
    }
    unknown = [pk for pk in wanted_ids if pk not in catalogue]
    if unknown:
        raise ValidationError(
            {
                "demanded": _("Material %(ids)s is not in the catalogue of this service item.")
                % {"ids": ", ".join(str(pk) for pk in unknown)}
            }
        )
    beyond, seen = [], set()
    for demand in demanded:
        material = catalogue.get(demand.material) if demand.material is not None else None
        name = (material.name if material else demand.name).strip()
        if not name or name in seen:
            continue
        seen.add(name)
        if (material is not None and material.pk in listed_ids) or name in listed_names:
            raise ValidationError(
                {
                    "demanded": _("“%(name)s” is on the notice: tick it as brought rather than demand it.")
                    % {"name": name}
                }
            )
        beyond.append((material, name))
    return beyond


def _settled_on_visit(rows, outstanding: dict, brought_ids: list[int], not_applicable) -> dict[int, str]:
    """Checks that a visit brings or settles only materials still missing, each
    one way; returns the reasons of those settled as not applicable."""
    not_listed = [pk for pk in brought_ids if pk not in outstanding]
    if not_listed:
        names = {row.material_id: row.name for row in rows}
        raise ValidationError(
            {
                "brought": _("Not among the materials still missing on this notice: %(names)s.")
                % {"names": "、".join(f"“{names.get(pk, pk)}”" for pk in not_listed)}
            }
        )
    reasons = _not_applicable_reasons(not_applicable, outstanding, "not_applicable")
    both = [outstanding[pk] for pk in brought_ids if pk in reasons]
    if both:
        raise ValidationError(
            {
                "not_applicable": _("%(names)s cannot be both brought and not applicable.")
                % {"names": _names(both)}
            }
        )
    return reasons


def _settle(outstanding: dict, visit: NoticeVisit, brought_ids: list[int], reasons: dict[int, str]) -> None:
    """Marks the rows the visit brought or settled as not applicable, and takes them off ``outstanding``."""
    for pk in brought_ids:
        row = outstanding.pop(pk)
        row.brought_at = visit.at
        row.brought_on_visit = visit
        row.save(update_fields=["brought_at", "brought_on_visit"])
    for pk, reason in reasons.items():
        row = outstanding.pop(pk)
        row.not_applicable_reason = reason
        row.not_applicable_on_visit = visit
        row.save(update_fields=["not_applicable_reason", "not_applicable_on_visit"])


def notice_record_visit(
    *,
    actor,
    notice: Notice,
    brought_ids: Iterable = (),
    not_applicable: Mapping | None = None,
    demanded: Sequence[Demand] = (),
    override_reason: str = "",
    note: str = "",
    at=None,
) -> NoticeVisit:
    """The visitor came back on the notice: record what they brought (of the
    materials it listed), and which of those still missing turned out not to
    apply to them (``not_applicable``: material id → reason). Asking for
    anything the notice did not list, or for a material settled as not
    applicable, is refused, unless the chief of the notice's section
    overrides with a reason; each such demand is then a notice failure
    against the issuer. With every listed material brought or not
    applicable, the notice is complete. ``at`` is now unless given (the
    demo's history)."""
    require(actor, "notifications.record_visit", notice)
    me = staff_of(actor)
    brought_ids = _material_ids(brought_ids, "brought")
    demanded = list(demanded)
    now = at or clock.now()
    with transaction.atomic():
        locked = Notice.objects.select_for_update().select_related("issued_by").get(pk=notice.pk)
        if locked.status != NoticeStatus.OPEN:
            raise ConflictError(
                _("Notice %(number)s is %(status)s: no visit can be recorded on it.")
                % {"number": locked.number, "status": locked.get_status_display()}
            )
        rows = list(locked.materials.all())
        outstanding = {row.material_id: row for row in rows if row.outstanding}
        reasons = _settled_on_visit(rows, outstanding, brought_ids, not_applicable)
        beyond = _demanded_beyond(locked, rows, demanded)
        if beyond:
            if not actor.has_perm("notifications.override_notice", locked):
                raise ValidationError(
                    {
                        "demanded": _(
                            "The notice did not list %(names)s, so it cannot be demanded now: the notice "
                            "tells once and in full. Only the chief of the section can allow it, with a "
                            "reason, and it is then a notice failure against %(issuer)s."
                        )
                        % {"names": "、".join(f"“{name}”" for _m, name in beyond), "issuer": locked.issued_by}
                    }
                )
            if not override_reason.strip():
                raise ValidationError(
                    {
                        "override_reason": _(
                            "Give the reason for demanding %(names)s, which the notice did not list; it is "
                            "recorded as a notice failure against %(issuer)s."
                        )
                        % {"names": "、".join(f"“{name}”" for _m, name in beyond), "issuer": locked.issued_by}
                    }
                )
        if not (brought_ids or reasons or beyond or note.strip()):
            raise ValidationError({"brought": _("Tick what the visitor brought, or note what happened.")})
        before = _snapshot(locked)
        visit = NoticeVisit.objects.create(notice=locked, at=now, recorded_by=me, note=note.strip())
        _settle(outstanding, visit, brought_ids, reasons)
        if not outstanding:
            _move(locked, NoticeStatus.COMPLETE)
            locked.completed_at = now
            locked.save(update_fields=["status", "completed_at"])
            visit.complete = True
            visit.save(update_fields=["complete"])
        record_event(
            actor=actor,
            verb="notice.visit",
            subject=locked,
            before=before,
            after={
                **_snapshot(locked),
                "brought": "、".join(row.name for row in rows if row.brought_on_visit_id == visit.pk),
                **_reasons_entry(
                    (row.name, row.not_applicable_reason)
                    for row in rows
                    if row.not_applicable_on_visit_id == visit.pk
                ),
            },
        )
        for material, name in beyond:
            _record_failure(
                actor=actor, notice=locked, visit=visit, material=material, name=name, reason=override_reason
            )
    notice.refresh_from_db()
    return visit


def _record_failure(*, actor, notice: Notice, visit: NoticeVisit, material, name: str, reason: str):
    issuer = notice.issued_by
    failure = NoticeFailure.objects.create(
        notice=notice,
        visit=visit,
        material=material,
        name=name,
        staff=issuer,
        department_id=issuer.department_id,
        overridden_by=staff_of(actor),
        reason=reason.strip(),
        at=visit.at,
    )
    record_event(
        actor=actor,
        verb="notice.failure",
        subject=notice,
        after={"name": name, "staff": reference(issuer)},
        reason=failure.reason,
    )
    if issuer.user_id != actor.pk:
        message_queue(
            channel=Channel.INBOX,
            recipient=issuer.user,
            kind="notice.failure",
            subject=_("Notice failure recorded against you: %(number)s") % {"number": notice.number},
            body=_("“%(name)s” was demanded although notice %(number)s did not list it. Reason: %(reason)s")
            % {"name": name, "number": notice.number, "reason": failure.reason},
            link=f"/notices/{notice.pk}/",
        )
    return failure


def notice_open_case(
    *,
    actor,
    notice: Notice,
    handler=None,
    applicant_name: str = "",
    applicant_phone: str = "",
    handled_at_once: bool = False,
    not_at_once_reason: str = "",
) -> Case:
    """With the materials complete, the application is received as a case
    (rule 2), linked to the notice and to its inquiry, which it closes."""
    require(actor, "notifications.view_notice", notice)
    # Who may comes before what state the notice is in: a role that may not hears 403, never 409.
    require(actor, "notifications.open_case", notice)
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.case_id is not None:
            raise ConflictError(
                _("Notice %(number)s has its case already: %(case)s.")
                % {"number": locked.number, "case": locked.case.number}
            )
        if locked.status != NoticeStatus.COMPLETE:
            raise ConflictError(
                _("Notice %(number)s is %(status)s: the case is opened once the materials are complete.")
                % {"number": locked.number, "status": locked.get_status_display()}
            )
        before = _snapshot(locked)
        case = inquiry_open_case(
            actor=actor,
            inquiry=locked.inquiry,
            handler=handler,
            service_item=locked.service_item,
            applicant_name=applicant_name.strip() or locked.visitor_name,
            applicant_phone=applicant_phone.strip() or locked.visitor_phone,
            handled_at_once=handled_at_once,
            not_at_once_reason=not_at_once_reason,
        )
        _move(locked, NoticeStatus.CLOSED)
        locked.case = case
        locked.closed_at = clock.now()
        locked.save(update_fields=["status", "case", "closed_at"])
        record_event(actor=actor, verb="notice.case", subject=locked, before=before, after=_snapshot(locked))
    notice.refresh_from_db()
    return case


def notice_reveal_contact(*, actor, notice: Notice) -> list[str]:
    """Shows the visitor's full phone to who deals with the visitor, and records
    that sight (personal_data.viewed: who, whose record, which field). Returns
    the fields revealed; nothing is recorded when none is on record."""
    require(actor, "notifications.see_visitor_contact", notice)
    fields = ["visitor_phone"] if notice.visitor_phone else []
    if fields:
        with transaction.atomic():
            record_event(
                actor=actor, verb=PERSONAL_DATA_VIEWED, subject=notice, after=dict.fromkeys(fields, True)
            )
    return fields
