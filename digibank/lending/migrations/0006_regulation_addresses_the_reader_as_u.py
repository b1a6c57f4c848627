"""The standard Dutch lending regulation addresses the reader as "u", like the agreement it is
printed in (it said "je" before).

A digibank whose newest regulation is still the old standard text, word for word, gets a new
version with the new text (French and English unchanged). A digibank that wrote its own text keeps
it. Agreements signed before keep pointing at the version they were signed under.
"""

from django.db import migrations
from django.db.models import Max
from django.utils import timezone

OLD_TEXT_NL = """\
Uitleenreglement van de digibank

1. Wat is dit? De digibank leent of geeft computers en andere toestellen aan mensen die er een \
nodig hebben en er zelf geen kunnen kopen. De toestellen komen van bedrijven en mensen die ze \
schonken. Wij wissen en herstellen ze.

2. Wie kan lenen? Mensen die voldoen aan een van de regels van de digibank, bijvoorbeeld een \
verhoogde tegemoetkoming van het ziekenfonds, een leefloon, schuldbemiddeling, of een \
doorverwijzing door een maatschappelijk werker, een school of de VDAB.

3. Hoe lang? Je leent het toestel tot de datum in je overeenkomst. Je kunt vragen om het langer \
te houden. Als je de voorwaarden in je overeenkomst naleeft, kan het toestel van jou worden.

4. Zorg voor het toestel. Gebruik het toestel voor jezelf en je gezin. Verkoop het niet en leen \
het niet uit aan anderen. Houd het proper en droog. Installeer updates als het toestel erom vraagt.

5. Als het stukgaat of verloren raakt. Laat het ons zo snel mogelijk weten. Open het toestel niet \
zelf. Wij herstellen het als dat kan. Voor gewone slijtage betaal je niets. Is het toestel \
gestolen? Doe aangifte bij de politie en verwittig ons.

6. Terugbrengen. Breng het toestel terug met de lader en de toebehoren, ten laatste op de datum in \
je overeenkomst. Wij wissen alle gegevens voor de volgende persoon het krijgt. Bewaar eerst je \
eigen bestanden.

7. Je gegevens. We bewaren alleen wat we nodig hebben om je te helpen: je naam, hoe we je \
bereiken en welk toestel je hebt. We bewaren nooit een kopie van je documenten.
"""

CHANGE_NOTE = "De Nederlandse tekst spreekt de lezer aan met u."


def publish_polite_text(apps, schema_editor):
    from digibank.lending.defaults import DEFAULT_REGULATION_NL

    LendingRegulation = apps.get_model("lending", "LendingRegulation")
    newest = (
        LendingRegulation.objects.values("digibank_id")
        .annotate(version=Max("version"))
        .order_by("digibank_id")
    )
    for row in newest:
        current = LendingRegulation.objects.get(
            digibank_id=row["digibank_id"], version=row["version"]
        )
        if current.text_nl != OLD_TEXT_NL:
            continue
        LendingRegulation.objects.create(
            digibank_id=current.digibank_id,
            version=current.version + 1,
            text_nl=DEFAULT_REGULATION_NL,
            text_fr=current.text_fr,
            text_en=current.text_en,
            change_note=CHANGE_NOTE,
            published_at=timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [("lending", "0005_waiting_list_skips")]

    operations = [migrations.RunPython(publish_polite_text, migrations.RunPython.noop)]
