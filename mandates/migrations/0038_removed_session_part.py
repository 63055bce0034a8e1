"""Deleted session parts whose calendar events the session calendar still shows,
cancelled, so subscribed calendars drop them (mandates/services/feeds.py
`session_part_removed`)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mandates', '0037_feed_token_self_service'),
    ]

    operations = [
        migrations.CreateModel(
            name='RemovedSessionPart',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('part_id', models.PositiveBigIntegerField(unique=True, verbose_name='part')),
                ('kind', models.CharField(choices=[('resumed', 'resumed part'), ('organizational', 'organizational meeting')], max_length=16, verbose_name='part')),
                ('start', models.DateField(verbose_name='opens')),
                ('end', models.DateField(verbose_name='closes')),
                ('sequence', models.PositiveIntegerField(verbose_name='calendar SEQUENCE')),
                ('removed_at', models.DateTimeField(db_index=True, verbose_name='removed')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='removed_parts', to='mandates.session', verbose_name='session')),
            ],
            options={
                'verbose_name': 'removed session part',
                'verbose_name_plural': 'removed session parts',
            },
        ),
    ]
