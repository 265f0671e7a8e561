"""What rule 6 registers with the apps below it: the matter is refused only
with a refusal in force on file, and a notice saying it cannot be accepted at
all files one."""

from django.utils.translation import gettext_lazy as _

from refusals.models import IN_FORCE, Refusal, RefusalStatus


def _in_force_number(**matter) -> str | None:
    return Refusal.objects.filter(status__in=IN_FORCE, **matter).values_list("number", flat=True).first()


def _track_lines(case) -> list[tuple[str, str]]:
    """What the applicant sees on /track/ of a refusal in force on their case:
    whether the chief has confirmed it, and, once given, the notice's number."""
    refusal = (
        Refusal.objects.filter(case=case, status__in=IN_FORCE)
        .only("number", "status", "notice_given_at")
        .first()
    )
    if refusal is None:
        return []
    review = (
        _("Confirmed by the section chief")
        if refusal.status == RefusalStatus.CONFIRMED
        else _("Under the section chief's review")
    )
    lines = [(_("Decision to refuse"), review)]
    if refusal.notice_given_at is not None:
        lines.append((_("Refusal notice number"), refusal.number))
    return lines


def register() -> None:
    from deadlines.links import register_refusal_check as cases
    from deadlines.links import register_track_detail
    from inquiries.links import register_refusal_check as inquiries
    from notifications.links import register_refusal_filer
    from refusals import history, services

    cases(lambda case: _in_force_number(case=case))
    inquiries(lambda inquiry: _in_force_number(inquiry=inquiry))
    register_refusal_filer(services.refusal_file_from_notice)
    register_track_detail(_track_lines)
    history.register()
