"""Who answers for an inquiry now (``owner``), and the status of an
acknowledged transfer that no longer closes its inquiry (issue 10, 6). The
data follows in 0003, in a transaction of its own: PostgreSQL will not build
the new column's index in a transaction that has just updated its rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("constance", "0003_drop_pickle"),
        ("inquiries", "0001_initial"),
        ("org", "0002_alter_staff_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="inquiry",
            name="owner",
            field=models.ForeignKey(
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="owned_inquiries",
                to="org.staff",
                verbose_name="answers for it now",
            ),
        ),
        migrations.AlterField(
            model_name="inquiry",
            name="status",
            field=models.CharField(
                choices=[
                    ("open", "Awaiting an outcome"),
                    ("notice", "One-time notice issued"),
                    ("transferred", "Transferred, awaiting acknowledgement"),
                    ("acknowledged", "Taken over by the handler, awaiting their outcome"),
                    ("closed", "Closed"),
                ],
                default="open",
                max_length=20,
                verbose_name="status",
            ),
        ),
        # The column becomes required in 0003: on PostgreSQL a table cannot be
        # altered in the transaction that updated its deferred foreign keys.
    ]
