import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Digits with an optional leading "+", and the spaces or dashes people type.
PHONE_PATTERN = re.compile(r"^\+?\d[\d -]{4,19}$")


class Channel(models.TextChoices):
    INBOX = "inbox", _("In-app inbox")
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


# sending -> pending is a retry after a failed attempt (or a worker that died).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PENDING: frozenset({Status.SENDING}),
    Status.SENDING: frozenset({Status.SENT, Status.PENDING, Status.FAILED}),
    Status.SENT: frozenset(),
    Status.FAILED: frozenset(),
}


class Message(models.Model):
    """One alert to a staff member or a member of the public: an outbox row
    that a task delivers to the in-app inbox, by email or by SMS."""

    kind = models.CharField(_("kind"), max_length=64, blank=True, help_text=_("For example case.reminder."))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for a member of the public, who has only an address."),
    )
    address = models.CharField(
        _("address"),
        max_length=254,
        blank=True,
        help_text=_("Email address or phone number; when empty, the recipient's own."),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(
        _("link"), max_length=500, blank=True, help_text=_("A path on this site to open.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    dedupe_key = models.CharField(
        _("deduplication key"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("A message with a key is queued once, however often it is asked for."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The delivery job's candidates. Not a partial index: SQLite cannot
            # match one to the job's OR of two statuses given as parameters.
            models.Index(fields=["status", "claimed_at"], name="messaging_due_idx"),
            # Ascending, so that reading it backwards gives newest first with
            # the id as tie-breaker, without a sort.
            models.Index(
                fields=["recipient", "created_at"],
                name="messaging_inbox_idx",
                condition=Q(channel=Channel.INBOX, status=Status.SENT),
            ),
            # The unread count on every page, and the unread filter.
            models.Index(
                fields=["recipient", "created_at"],
                name="messaging_unread_idx",
                condition=Q(channel=Channel.INBOX, status=Status.SENT, read_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel=Channel.INBOX) | Q(recipient__isnull=False),
                name="messaging_inbox_has_recipient",
            ),
            models.CheckConstraint(
                condition=Q(channel=Channel.INBOX) | Q(recipient__isnull=False) | ~Q(address=""),
                name="messaging_outside_has_address",
            ),
        ]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.get_channel_display()}: {self.subject}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    def clean(self):
        errors = {}
        if self.channel == Channel.INBOX and self.recipient_id is None:
            errors["recipient"] = _("An in-app message needs a recipient.")
        if self.channel == Channel.EMAIL:
            if self.address:
                try:
                    validate_email(self.address)
                except ValidationError:
                    errors["address"] = _("Enter a valid email address.")
            elif self.recipient_id is None or not self.recipient.email:
                errors["address"] = _("An email needs an address, or a recipient who has one.")
        if self.channel == Channel.SMS:
            if not self.address:
                errors["address"] = _("An SMS needs a phone number.")
            elif not PHONE_PATTERN.match(self.address):
                errors["address"] = _("Enter a valid phone number.")
        if self.link and not (self.link.startswith("/") and not self.link.startswith(("//", "/\\"))):
            errors["link"] = _("The link must be a path on this site, starting with /.")
        if errors:
            raise ValidationError(errors)
