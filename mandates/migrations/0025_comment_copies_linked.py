"""Link the comments adoption copied before 0024 to their originals.

Until 0024 an adopted text copied each comment of its draft's deliverable as
"[on draft <symbol>] <text>" with the same author and time, and nothing said it was a copy:
the copies kept the adopted text from being deleted. A comment is linked only when that is
sure: its deliverable took over a draft deliverable (`Deliverable.draft`) and exactly one
comment there has the same author, time and text after the "[on draft <draft's symbol>] "
prefix. Anything else (the original edited or deleted since, two alike) stays a person's
comment and keeps protecting its deliverable, as before.
"""

from django.db import migrations

PREFIX = "[on draft "


def link_copies(apps, schema_editor):
    Comment = apps.get_model("mandates", "Comment")
    candidates = Comment.objects.filter(
        copied_from__isnull=True,
        text__startswith=PREFIX,
        deliverable__draft__isnull=False,
    ).select_related("deliverable__draft__mandate__resolution")
    for copy in candidates.iterator():
        draft = copy.deliverable.draft
        prefix = f"{PREFIX}{draft.mandate.resolution.symbol}] "
        if not copy.text.startswith(prefix):
            continue
        originals = list(
            Comment.objects.filter(
                deliverable_id=draft.pk,
                author_id=copy.author_id,
                created_at=copy.created_at,
                text=copy.text[len(prefix) :],
                copied_from__isnull=True,
            ).values_list("pk", flat=True)[:2]
        )
        if len(originals) == 1:
            Comment.objects.filter(pk=copy.pk).update(copied_from_id=originals[0])


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0024_comment_copied_from"),
    ]

    operations = [
        migrations.RunPython(link_copies, migrations.RunPython.noop),
    ]
