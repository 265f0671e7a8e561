from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_chain_existing_events'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='seq',
            field=models.BigIntegerField(editable=False, unique=True, verbose_name='sequence number'),
        ),
    ]
