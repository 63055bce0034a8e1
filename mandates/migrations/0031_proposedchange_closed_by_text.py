"""`ProposedChange.closed_by_text`: a proposal ingest closed, which no person decided.

Ingest treated every resolved proposal as a person's decision, so a value a later version
had merely replaced was never proposed again. Rows resolved before this migration cannot
be told apart and stay counted as a person's (the value is not proposed again, as before).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mandates', '0030_consideration_updated_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='proposedchange',
            name='closed_by_text',
            field=models.BooleanField(default=False, help_text='Resolved when a later version of the text said the kept value again or proposed another value instead: nobody decided it.', verbose_name='closed by a new version'),
        ),
    ]
