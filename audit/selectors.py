from audit.models import AuditEvent


def events_for(obj, *, limit: int = 200):
    return AuditEvent.objects.for_object(obj).select_related("actor__staff", "acting_for__staff")[:limit]
