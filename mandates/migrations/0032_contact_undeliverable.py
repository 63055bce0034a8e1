"""`Contact.undeliverable_since` and `undeliverable_error`: an address the mail server
refused for good (SMTP 5xx naming the mailbox). Each new reminder stage used to create a
row for it that failed at once, and `manage.py status` kept failing; now no reminder or
digest is decided for it until staff change the address or clear the mark. Existing
contacts start unmarked.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mandates', '0031_proposedchange_closed_by_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='contact',
            name='undeliverable_error',
            field=models.TextField(blank=True, editable=False, verbose_name="mail server's refusal"),
        ),
        migrations.AddField(
            model_name='contact',
            name='undeliverable_since',
            field=models.DateTimeField(blank=True, editable=False, help_text='When the mail server refused this address for good (a 5xx reply naming the mailbox): no reminders or digests go to it until the address is changed or the mark is cleared.', null=True, verbose_name='address refused since'),
        ),
        migrations.AddField(
            model_name='historicalcontact',
            name='undeliverable_error',
            field=models.TextField(blank=True, editable=False, verbose_name="mail server's refusal"),
        ),
        migrations.AddField(
            model_name='historicalcontact',
            name='undeliverable_since',
            field=models.DateTimeField(blank=True, editable=False, help_text='When the mail server refused this address for good (a 5xx reply naming the mailbox): no reminders or digests go to it until the address is changed or the mark is cleared.', null=True, verbose_name='address refused since'),
        ),
    ]
