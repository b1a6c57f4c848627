"""The `reach_key` every person now has (0005) becomes required and unique."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0005_person_reach_key'),
    ]

    operations = [
        migrations.AlterField(
            model_name='person',
            name='reach_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
