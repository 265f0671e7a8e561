from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditChainHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.BigIntegerField(default=0)),
                ('hash', models.CharField(default='0000000000000000000000000000000000000000000000000000000000000000', max_length=64)),
            ],
            options={
                'verbose_name': 'audit chain head',
                'verbose_name_plural': 'audit chain heads',
            },
        ),
        migrations.AddField(
            model_name='auditevent',
            name='seq',
            field=models.BigIntegerField(editable=False, null=True, verbose_name='sequence number'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='prev_hash',
            field=models.CharField(default='', editable=False, max_length=64, verbose_name='hash of the previous event'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(default='', editable=False, max_length=64, verbose_name='hash'),
            preserve_default=False,
        ),
    ]
