"""The rating link's token: the case number signed with the site's secret, so
the receipt printed at intake already carries the link the applicant will rate
from, and a token cannot be made up for another case. The token is not secret
from the applicant; it only proves the link came from the bureau."""

from django.core import signing
from django.urls import reverse

SALT = "evaluation.rating"


def token_for(case) -> str:
    return signing.Signer(salt=SALT).sign(case.number)


def case_number(token: str) -> str | None:
    """The case number a token was made for, or None for a token not ours."""
    try:
        return signing.Signer(salt=SALT).unsign((token or "").strip())
    except signing.BadSignature:
        return None


def rating_path(case) -> str:
    return reverse("rate:rate", args=[token_for(case)])
