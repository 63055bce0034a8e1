"""A contact's last change, so the admin's contact page refuses a save from a page opened
before it (a "No more reminders at all" from an e-mail link had been put back to
"immediate" by an editor fixing the name). Existing contacts get the upgrade's time."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0027_opt_out_history_baseline"),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="last change"
            ),
            preserve_default=False,
        ),
    ]
