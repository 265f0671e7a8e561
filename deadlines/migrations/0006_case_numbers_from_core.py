"""Case numbers come from core.numbers (prefix ""), like every other paper's:
the days already counted move to core's counter, so no number is given twice."""

from django.db import migrations


def move_counters(apps, schema_editor):
    CaseCounter = apps.get_model("deadlines", "CaseCounter")
    DailyCounter = apps.get_model("core", "DailyCounter")
    for old in CaseCounter.objects.all().iterator():
        counter, _created = DailyCounter.objects.get_or_create(prefix="", day=old.day)
        if counter.last < old.last:
            counter.last = old.last
            counter.save(update_fields=["last"])


def move_back(apps, schema_editor):
    CaseCounter = apps.get_model("deadlines", "CaseCounter")
    DailyCounter = apps.get_model("core", "DailyCounter")
    for counter in DailyCounter.objects.filter(prefix="").iterator():
        CaseCounter.objects.update_or_create(day=counter.day, defaults={"last": counter.last})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_daily_counter"),
        ("deadlines", "0005_case_indexes_cover_the_lists"),
    ]

    operations = [
        migrations.RunPython(move_counters, move_back),
        migrations.DeleteModel(name="CaseCounter"),
    ]
