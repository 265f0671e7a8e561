"""An evidence file uploaded with a breach (rule 3), an accountability record or
its appeal (rule 7), or the appeal against a rating (rule 8): a PDF, picture or
Word document of at most 10 MB, its type checked by its first bytes as well as
its name, so that a renamed file is refused too."""

from pathlib import Path

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "docx": (b"PK\x03\x04",),
}
EVIDENCE_EXTENSIONS = list(SIGNATURES)


def validate_evidence_file(upload) -> None:
    if upload.size > EVIDENCE_MAX_BYTES:
        raise forms.ValidationError(
            _("The evidence file is %(size)s; at most %(limit)s is accepted."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(EVIDENCE_MAX_BYTES)},
        )
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension not in SIGNATURES:
        return  # FileExtensionValidator says so
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        raise forms.ValidationError(
            _("The file's content does not match its type (%(ext)s)."), params={"ext": extension}
        )
