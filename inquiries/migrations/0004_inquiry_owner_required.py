from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inquiries", "0003_inquiry_owner_data"),
        ("org", "0002_alter_staff_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="inquiry",
            name="owner",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT,
                related_name="owned_inquiries",
                to="org.staff",
                verbose_name="answers for it now",
            ),
        ),
        migrations.AlterField(
            model_name="owneralert",
            name="step",
            field=models.CharField(
                choices=[
                    ("no_outcome", "No outcome in time: told the section chief"),
                    ("not_acknowledged", "Transfer not acknowledged in time: told the section chief"),
                    ("no_handler_outcome", "Acknowledged transfer with no outcome in time: told the section chief"),
                ],
                max_length=20,
                verbose_name="step",
            ),
        ),
        migrations.AddIndex(
            model_name="inquiry",
            index=models.Index(fields=["owner", "status", "asked_at"], name="inquiry_owner_idx"),
        ),
    ]
