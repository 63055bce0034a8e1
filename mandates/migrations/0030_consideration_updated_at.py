"""A consideration's last change, so its admin pages (its own and the resolution's inline)
refuse a save from a page opened before it: a session a person corrected had been put
back silently by a page opened earlier. Existing considerations get the upgrade's time.

Runs after 0029 (the special session), which landed first."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0029_resolution_special_session"),
    ]

    operations = [
        migrations.AddField(
            model_name="consideration",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="last change"
            ),
            preserve_default=False,
        ),
    ]
