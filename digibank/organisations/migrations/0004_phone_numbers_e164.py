"""Phone numbers in E.164 (digibanks, hubs, partners and their contacts).

Every number that reads as one (a Belgian number without country code, or any number with one)
is rewritten as E.164, the one form the forms and services now store. A value that does not read
as a number is kept as typed, never lost: the pages show it with "check this number" for staff to
correct (`digibank.core.phones.display_phone`). Rows are read and written in batches, so the
migration holds no long lock on a live database; it cannot be undone (E.164 is also valid input).
"""

from django.db import migrations

from digibank.core.phones import e164_or_unchanged

BATCH = 500
FIELDS = [("Digibank", "phone"), ("Hub", "phone"), ("Partner", "phone"), ("PartnerContact", "phone")]


def to_e164(apps, schema_editor):
    for model_name, field in FIELDS:
        model = apps.get_model("organisations", model_name)
        changed = []
        rows = model.objects.exclude(**{field: ""}).only("pk", field).order_by("pk")
        for row in rows.iterator(chunk_size=BATCH):
            stored = e164_or_unchanged(getattr(row, field))
            if stored != getattr(row, field):
                setattr(row, field, stored)
                changed.append(row)
            if len(changed) >= BATCH:
                model.objects.bulk_update(changed, [field])
                changed = []
        if changed:
            model.objects.bulk_update(changed, [field])


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_referrers_decide_eligibility")]

    operations = [migrations.RunPython(to_e164, migrations.RunPython.noop, elidable=True)]
