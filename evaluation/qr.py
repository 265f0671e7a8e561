"""The rating link as the applicant gets it: absolute (it leaves the site on
paper and by SMS), marked with the channel it came by (?c=qr|sms), and drawn
as a QR code here with segno, so that no outside service sees the links."""

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from evaluation import tokens


def site_url(request=None) -> str:
    """The bureau's public address (settings.SITE_URL); without it, the one
    the request came to; without a request either, none."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def rating_url(case, *, site_url: str, channel: str = "") -> str:
    """Without a channel, the page takes the link as opened on the web."""
    return f"{site_url}{tokens.rating_path(case)}" + (f"?c={channel}" if channel else "")


def qr_svg(data: str, *, title: str = "") -> SafeString:
    """The QR code of ``data`` as inline SVG, sized by CSS (a viewBox, no width).
    segno escapes the title and draws only paths, so the markup is safe."""
    code = segno.make(data, error="m")
    return mark_safe(
        code.svg_inline(omitsize=True, title=title or None, svgclass="rating-qr", lineclass=None)
    )
