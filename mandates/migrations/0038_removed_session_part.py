"""Deleted session parts whose calendar events the session calendar still shows,
cancelled, so subscribed calendars drop them (mandates/services/feeds.py
`session_part_removed`). Editors and viewers may read them, as they read session parts
(the admin's list of them is read-only)."""

import django.db.models.deletion
from django.db import migrations, models


def permissions(apps, schema_editor):
    """Editors and viewers may view the removed parts (nobody adds, changes or deletes
    them in the admin)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(
        content_type__app_label="mandates",
        content_type__model="removedsessionpart",
        codename__startswith="view_",
    )
    for group in Group.objects.filter(name__in=["editors", "viewers"]):
        group.permissions.add(*view)


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
        migrations.RunPython(permissions, migrations.RunPython.noop),
    ]
