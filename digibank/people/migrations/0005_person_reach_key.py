"""Each person's `reach_key`: the random key their events keep, so the figures count them once
even after their erasure (see `people.snapshot`).

Safe on a live database: the column is added nullable, filled in batches (each person their own
UUID: a callable default in `AddField` would give every existing row the same one), then made
required and unique (0006, in its own transaction).
"""

import uuid

from django.db import migrations, models

BATCH = 2000


def fill_reach_keys(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    while True:
        ids = list(Person.objects.filter(reach_key__isnull=True).values_list("id", flat=True)[:BATCH])
        if not ids:
            return
        Person.objects.bulk_update(
            [Person(id=pk, reach_key=uuid.uuid4()) for pk in ids], ["reach_key"]
        )


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0004_person_large_print'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='reach_key',
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_reach_keys, migrations.RunPython.noop),
    ]
