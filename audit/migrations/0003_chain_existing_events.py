"""Chain the events written before the chain existed, in order of id."""

from django.db import migrations

from audit.chain import GENESIS_HASH, HASHED_FIELDS, HEAD_ID, event_hash

CHUNK = 2000


def chain_existing(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    db = schema_editor.connection.alias
    seq, previous, last_id = 0, GENESIS_HASH, 0
    while True:
        events = list(AuditEvent.objects.using(db).filter(id__gt=last_id).order_by("id")[:CHUNK])
        if not events:
            break
        for event in events:
            seq += 1
            event.seq = seq
            event.prev_hash = previous
            event.hash = event_hash({name: getattr(event, name) for name in HASHED_FIELDS})
            previous = event.hash
        AuditEvent.objects.using(db).bulk_update(events, ["seq", "prev_hash", "hash"])
        last_id = events[-1].id
    AuditChainHead.objects.using(db).update_or_create(pk=HEAD_ID, defaults={"seq": seq, "hash": previous})


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_chain_fields'),
    ]

    operations = [
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
