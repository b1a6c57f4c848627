"""What a loan keeps of the person at the hand-over (`people.snapshot`): their target groups, age
band and municipality, and their `reach_key`, so the figures survive the person's erasure.

Safe on a live database: nullable or defaulted columns, then the existing loans of people still
registered filled in batches from the person's current values (the age band in the year of the
hand-over). Loans of people erased before keep none: they did not count before either.
"""

from django.db import migrations, models
import django.db.models.deletion

from digibank.people.backfill import fill_from_people


def fill(apps, schema_editor):
    fill_from_people(apps, "lending", "Loan", at="handed_over_at", snapshot=True)


class Migration(migrations.Migration):

    dependencies = [
        ('lending', '0008_loan_conditions_met'),
        ('organisations', '0002_load_municipalities'),
        ('people', '0006_person_reach_key_required'),
    ]

    operations = [
        migrations.AddField(
            model_name='loan',
            name='age_band',
            field=models.CharField(choices=[('0-17', 'under 18'), ('18-24', '18 to 24'), ('25-44', '25 to 44'), ('45-64', '45 to 64'), ('65-79', '65 to 79'), ('80+', '80 or older'), ('unknown', 'unknown')], default='unknown', max_length=8, verbose_name='age band'),
        ),
        migrations.AddField(
            model_name='loan',
            name='municipality',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.municipality', verbose_name='municipality'),
        ),
        migrations.AddField(
            model_name='loan',
            name='reach_key',
            field=models.UUIDField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='loan',
            name='target_groups',
            field=models.JSONField(blank=True, default=list, verbose_name='target groups'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
