"""`Resolution.special_session`: the special session ("S-41") that adopted a text.

Extractor 0.3.28 reads it (`special_session` in its JSON, `session` then null) but ingest
stored no such field, so a special session's resolution had no session at all. The rows
already stored get it from the reading kept on the row (`Resolution.extraction`), with no
re-read; a value not in the form the field takes is left out (the row stays as it was).
Rows read by an older extractor have no such key and are left alone (`ingest --stored`
reads them again). No history record is written: the text's reading did not change.
"""

import re

import django.core.validators
from django.db import migrations, models
from django.db.models.fields.json import KT

SPECIAL_SESSION_PATTERN = r"\AE?S-[1-9][0-9]{0,2}\Z"  # as models.SPECIAL_SESSION_PATTERN


def fill_from_extraction(apps, schema_editor):
    Resolution = apps.get_model("mandates", "Resolution")
    read = (
        Resolution.objects.filter(special_session="", extraction__has_key="special_session")
        .annotate(read_special=KT("extraction__special_session"))
        .exclude(read_special__isnull=True)
        .values_list("pk", "read_special")
    )
    form = re.compile(SPECIAL_SESSION_PATTERN)
    for pk, label in read.iterator():
        if form.fullmatch(label):
            Resolution.objects.filter(pk=pk).update(special_session=label)


class Migration(migrations.Migration):

    dependencies = [
        ('mandates', '0028_contact_updated_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalresolution',
            name='special_session',
            field=models.CharField(blank=True, help_text='The special session that adopted the text ("S-41", emergency special "ES-11"), numbered apart from the regular sessions; blank for a regular session\'s text.', max_length=8, validators=[django.core.validators.RegexValidator('\\AE?S-[1-9][0-9]{0,2}\\Z', 'A special session is written "S-41" (emergency special: "ES-11").')], verbose_name='special session'),
        ),
        migrations.AddField(
            model_name='resolution',
            name='special_session',
            field=models.CharField(blank=True, help_text='The special session that adopted the text ("S-41", emergency special "ES-11"), numbered apart from the regular sessions; blank for a regular session\'s text.', max_length=8, validators=[django.core.validators.RegexValidator('\\AE?S-[1-9][0-9]{0,2}\\Z', 'A special session is written "S-41" (emergency special: "ES-11").')], verbose_name='special session'),
        ),
        migrations.RunPython(fill_from_extraction, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='resolution',
            constraint=models.CheckConstraint(condition=models.Q(('special_session', ''), ('special_session__regex', '\\AE?S-[1-9][0-9]{0,2}\\Z'), _connector='OR'), name='resolution_special_session_form', violation_error_message='A special session is written "S-41" (emergency special: "ES-11").'),
        ),
    ]
