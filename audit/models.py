from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import chain


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("audit events are never edited")

    def delete(self):
        raise PermissionError("audit events are never deleted")

    def bulk_create(self, objs, *args, **kwargs):
        # Every writer chains, the jobs' batches included, not only record_events.
        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            chain.append(objs, using=self.db)
            return super().bulk_create(objs, *args, **kwargs)

    def for_object(self, obj):
        return self.filter(
            subject_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            subject_id=str(obj.pk),
        )


class AuditEvent(models.Model):
    """One change of state: who, acting for whom, what, before, after, why, when.

    Written only by ``audit.services.record_event`` inside the transaction of
    the change it records, and never edited or deleted through the system.
    Each new event takes its place in the hash chain (``audit.chain``) as it
    is saved, so an edit, deletion or insertion outside the system shows
    when ``verify_audit`` walks the chain.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system acted (a periodic job)."),
    )
    acting_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acting for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The A holder a B holder covered for, when covering."),
    )
    verb = models.CharField(_("action"), max_length=64, db_index=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_repr = models.CharField(_("subject"), max_length=255)
    before = models.JSONField(_("before"), encoder=DjangoJSONEncoder, null=True, blank=True)
    after = models.JSONField(_("after"), encoder=DjangoJSONEncoder, null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    seq = models.BigIntegerField(_("sequence number"), unique=True, editable=False)
    prev_hash = models.CharField(_("hash of the previous event"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "-at"], name="audit_subject_idx")]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.subject_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit events are never edited")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            chain.append([self], using=using)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events are never deleted")

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field that differs."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]


class AuditChainHead(models.Model):
    """The last link of the audit chain (one row): the seq and hash the next
    event follows. Locked by every append, so appends are serialised."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=chain.GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")

    def __str__(self):
        return f"{self.seq} {self.hash}"
