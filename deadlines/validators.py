"""Validators shared by the case pages, the API and the apps that take an
applicant's phone through them."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# ASCII digits only: ``\d`` would also take full-width and other scripts'
# digits, which the public tracking page's last four digits never match.
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 -]{5,18}[0-9]$",
    _("Enter a phone number of digits (a hyphen or space between groups is fine)."),
)
