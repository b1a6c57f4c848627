"""Load the competence framework, and give every region that has digibanks its first skills
check and modules (a region that gets its first digibank later gets them then: skills.signals)."""

from django.db import migrations


def load(apps, schema_editor):
    from digibank.skills.content import Tables, install_starting_set, load_framework

    tables = Tables(
        area=apps.get_model("skills", "Area"),
        competence=apps.get_model("skills", "Competence"),
        level=apps.get_model("skills", "ProficiencyLevel"),
        version=apps.get_model("skills", "CheckVersion"),
        statement=apps.get_model("skills", "Statement"),
        item=apps.get_model("skills", "KnowledgeItem"),
        module=apps.get_model("skills", "Module"),
    )
    load_framework(tables)
    Region = apps.get_model("organisations", "Region")
    for region in Region.objects.filter(digibanks__isnull=False).distinct():
        install_starting_set(region, tables)


class Migration(migrations.Migration):
    dependencies = [
        ("skills", "0001_initial"),
        ("organisations", "0002_load_municipalities"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
