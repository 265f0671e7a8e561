"""What rule 8 adds to the lower apps' pages, papers and API through their
hooks (deadlines.links), since they may not import it: the rating link and
its QR code on the case receipt, the link in the completion SMS, and
``rating_url`` in the case API."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from deadlines import links
from deadlines.models import CaseKind
from evaluation import qr
from evaluation.models import RatingChannel


def rating_invitation(case, *, medium: str, site_url: str) -> links.Invitation | None:
    """A service case's applicant is asked to rate it; a leader's instruction
    has no applicant. An SMS carries only an absolute link."""
    if case.kind != CaseKind.SERVICE or not site_url:
        return None
    if medium == links.MESSAGE:
        url = qr.rating_url(case, channel=RatingChannel.SMS, site_url=site_url)
        return links.Invitation(text=_("Please rate our service: %(url)s") % {"url": url}, url=url)
    url = qr.rating_url(case, channel=RatingChannel.QR, site_url=site_url)
    return links.Invitation(
        text=_("Once the case is completed, please rate our service at %(url)s.") % {"url": url},
        url=url,
        qr_caption=_("Scan to rate our service once the case is completed (好差评): one rating per case."),
        qr_svg=qr.qr_svg(url, title=_("Rating link of case %(number)s") % {"number": case.number}),
    )


@extend_schema_field(serializers.URLField(allow_null=True))
class RatingUrlField(serializers.Field):
    """The case's rating link, absolute, for staff who print or send it; null for a leader's instruction."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, case):
        if case.kind != CaseKind.SERVICE:
            return None
        site_url = qr.site_url(self.context.get("request"))
        return qr.rating_url(case, site_url=site_url)


def _rating_url_field():
    return RatingUrlField(
        help_text=gettext_lazy(
            "The applicant's rating link (好差评), absolute; null for a leader's instruction (rule 8)."
        )
    )


def register() -> None:
    links.register_case_invitation(rating_invitation)
    links.register_case_api_field("rating_url", _rating_url_field)
