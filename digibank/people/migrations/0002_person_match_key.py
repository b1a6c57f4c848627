import unicodedata

from django.conf import settings
from django.db import migrations, models


def _part(value):
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(
        char for char in decomposed.casefold() if char.isalnum() and not unicodedata.combining(char)
    )


def fill_match_keys(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    batch = []
    for person in Person.objects.only("id", "first_name", "last_name").iterator(chunk_size=2000):
        person.match_key = f"{_part(person.first_name)} {_part(person.last_name)}"[:170]
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["match_key"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["match_key"])


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0002_load_municipalities'),
        ('people', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='match_key',
            field=models.CharField(blank=True, default='', editable=False, max_length=170),
        ),
        migrations.RunPython(fill_match_keys, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['digibank', 'match_key'], name='people_pers_digiban_b5e517_idx'),
        ),
    ]
