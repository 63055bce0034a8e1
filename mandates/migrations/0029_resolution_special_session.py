"""`Resolution.special_session`: the special session ("S-41") that adopted a text.

Extractor 0.3.28 reads it (`special_session` in its JSON, `session` then null) but ingest
stored no such field, so a special session's resolution had no session at all. The rows
already stored get it from the reading kept on the row (`Resolution.extraction`), with no
re-read; a value not in the form the field takes is left out (the row stays as it was).
Rows read by an older extractor have no such key: they get the special session their
symbol names ("A/HRC/S-31/L.1", "A/RES/ES-11/3"), so the draft of a special session stored
then is found by its adopted text read now (`ingest --stored` reads them again, and
replaces the regular session an older extractor may have read for "S-31"). No history
record is written: the text's reading did not change.
"""

import re

import django.core.validators
from django.db import migrations, models
from django.db.models.fields.json import KT

SPECIAL_SESSION_PATTERN = r"\AE?S-[1-9][0-9]{0,2}\Z"  # as models.SPECIAL_SESSION_PATTERN
SPECIAL_IN_SYMBOL = r"/(E?S-[1-9][0-9]{0,2})/"  # as services.drafts._SPECIAL_IN_SYMBOL


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
    in_symbol = re.compile(SPECIAL_IN_SYMBOL)
    unread = (
        Resolution.objects.filter(special_session="", symbol__regex=SPECIAL_IN_SYMBOL)
        .exclude(extraction__has_key="special_session")
        .values_list("pk", "symbol")
    )
    for pk, symbol in unread.iterator():
        Resolution.objects.filter(pk=pk).update(
            special_session=in_symbol.search(symbol).group(1)
        )


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
