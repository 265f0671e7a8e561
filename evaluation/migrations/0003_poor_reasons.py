"""The reasons a poor rating may tick, as the bureau starts with them (the
common ones of the 好差评 forms); the bureau edits, reorders or retires them
in the admin. A reason is retired, never deleted: past ratings ticked it."""

from django.db import migrations

REASONS = ["办事效率低", "服务态度差", "多次跑腿", "材料要求不清", "超时办理", "其他"]


def seed(apps, schema_editor):
    PoorReason = apps.get_model("evaluation", "PoorReason")
    for order, name in enumerate(REASONS, start=1):
        PoorReason.objects.get_or_create(name=name, defaults={"order": order})


def unseed(apps, schema_editor):
    PoorReason = apps.get_model("evaluation", "PoorReason")
    ticked = apps.get_model("evaluation", "Rating").tags.through.objects.values("poorreason_id")
    PoorReason.objects.filter(name__in=REASONS).exclude(pk__in=ticked).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0002_scores_and_snapshots")]

    operations = [migrations.RunPython(seed, unseed)]
