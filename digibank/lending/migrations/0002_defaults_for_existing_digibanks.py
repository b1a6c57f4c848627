"""Digibanks created before the device bank get its standard rules and regulation too.

New digibanks get them when they are created (see digibank/lending/signals.py).
"""

from django.db import migrations
from django.utils import timezone


def add_defaults(apps, schema_editor):
    from digibank.lending.defaults import (
        DEFAULT_REGULATION_EN,
        DEFAULT_REGULATION_FR,
        DEFAULT_REGULATION_NL,
        DEFAULT_RULES,
    )

    Digibank = apps.get_model("organisations", "Digibank")
    EligibilityRule = apps.get_model("lending", "EligibilityRule")
    LendingRegulation = apps.get_model("lending", "LendingRegulation")
    for digibank in Digibank.objects.all():
        existing = set(
            EligibilityRule.objects.filter(digibank=digibank).values_list("code", flat=True)
        )
        EligibilityRule.objects.bulk_create(
            [
                EligibilityRule(
                    digibank=digibank,
                    code=rule.code,
                    priority=rule.priority,
                    evidence_kinds=[str(kind) for kind in rule.evidence_kinds],
                )
                for rule in DEFAULT_RULES
                if rule.code not in existing
            ]
        )
        if not LendingRegulation.objects.filter(digibank=digibank).exists():
            LendingRegulation.objects.create(
                digibank=digibank,
                version=1,
                text_nl=DEFAULT_REGULATION_NL,
                text_fr=DEFAULT_REGULATION_FR,
                text_en=DEFAULT_REGULATION_EN,
                published_at=timezone.now(),
            )


class Migration(migrations.Migration):
    dependencies = [("lending", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
