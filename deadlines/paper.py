"""The case receipt (受理回执) on paper, for the printed page and the PDF
alike: a core.paper Sheet, in the language of the screen it is printed
from, the applicant's phone masked."""

from constance import config
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.masking import mask_phone
from core.paper import Qr, Sheet
from deadlines.links import PAPER, case_invitations
from deadlines.models import Case


def _time_limit(case: Case) -> str:
    version = case.item_version
    if version.on_the_spot:
        return _("On the spot (当场办结)")
    days = version.committed_days
    return ngettext("%(days)s working day", "%(days)s working days", days) % {"days": days}


def _qr(invitations) -> Qr | None:
    """The first invitation with a link printed as a QR code (the paper has room for one)."""
    for invitation in invitations:
        if invitation.url and invitation.qr_caption:
            return Qr(data=invitation.url, caption=invitation.qr_caption, svg=invitation.qr_svg)
    return None


def receipt_of(case: Case, *, track_url: str, site_url: str = "") -> Sheet:
    department = case.department
    section = department.name + (f" · {department.room}" if department.room else "")
    due = _("Handled at once") if case.handled_at_once else case.due_date.isoformat()
    staff = getattr(case.created_by, "staff", None)
    invitations = case_invitations(case, medium=PAPER, site_url=site_url)
    return Sheet(
        title=_("Case receipt"),
        number=case.number,
        bureau=config.BUREAU_NAME,
        highlights=((_("Case number"), case.number), (_("Due date"), due)),
        fields=(
            (_("Service item"), case.item_version.name),
            (_("Time limit"), _time_limit(case)),
            (_("Applicant"), case.applicant_name),
            (_("Phone"), mask_phone(case.applicant_phone)),
            (_("Received at"), date_format(timezone.localtime(case.received_at), "Y-m-d H:i")),
            (_("Section"), section),
            (_("Section phone"), department.public_phone),
        ),
        closing=(
            _(
                "Check the progress of your case at %(url)s with the case number and the last "
                "four digits of your phone."
            )
            % {"url": track_url},
            _("Working days exclude weekends and public holidays."),
            *(invitation.text for invitation in invitations),
        ),
        qr=_qr(invitations),
        signature=((_("Received by"), staff.name if staff else case.created_by.username),),
    )
