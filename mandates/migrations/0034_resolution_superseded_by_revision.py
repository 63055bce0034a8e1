"""A draft is superseded by its adopted text or by a later revision of it (L.5/Rev.1):
the status label, `superseded_by`'s name and help say so. No data changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mandates', '0033_session_status_and_parts'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalresolution',
            name='status',
            field=models.CharField(choices=[('adopted', 'adopted'), ('draft', 'draft'), ('superseded', 'draft superseded by its adopted text or a revision')], db_index=True, default='adopted', help_text='A draft (L document) is superseded when its adopted text, or a revision of it (L.5/Rev.1), is ingested.', max_length=16, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='historicalresolution',
            name='superseded_by',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The adopted resolution, or the draft's later revision, that took over this draft's deliverables.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mandates.resolution', verbose_name='superseded by'),
        ),
        migrations.AlterField(
            model_name='resolution',
            name='status',
            field=models.CharField(choices=[('adopted', 'adopted'), ('draft', 'draft'), ('superseded', 'draft superseded by its adopted text or a revision')], db_index=True, default='adopted', help_text='A draft (L document) is superseded when its adopted text, or a revision of it (L.5/Rev.1), is ingested.', max_length=16, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='resolution',
            name='superseded_by',
            field=models.ForeignKey(blank=True, help_text="The adopted resolution, or the draft's later revision, that took over this draft's deliverables.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='drafts', to='mandates.resolution', verbose_name='superseded by'),
        ),
    ]
