"""What every new digibank starts with: eligibility rules and a first lending regulation.

Coordinators change both afterwards. The default rules keep an empty name in the database so they
show in the reader's language; the regulation is content, written here in its three languages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from digibank.lending.evidence import EvidenceKind


@dataclass(frozen=True)
class DefaultRule:
    code: str
    label: Promise
    description: Promise
    priority: int
    evidence_kinds: tuple[str, ...]


DEFAULT_RULES = (
    DefaultRule(
        code="increased_allowance",
        label=_("Increased health-insurance allowance (verhoogde tegemoetkoming)"),
        description=_("The health insurance fund pays back more of the person's medical costs."),
        priority=2,
        evidence_kinds=(EvidenceKind.HEALTH_INSURANCE,),
    ),
    DefaultRule(
        code="living_wage",
        label=_("Living wage or social assistance (leefloon)"),
        description=_("The person gets a living wage or other social assistance from the OCMW."),
        priority=1,
        evidence_kinds=(EvidenceKind.LIVING_WAGE, EvidenceKind.SOCIAL_REFERRAL),
    ),
    DefaultRule(
        code="debt_mediation",
        label=_("Debt mediation"),
        description=_("The person is in debt mediation or collective debt settlement."),
        priority=1,
        evidence_kinds=(EvidenceKind.DEBT_MEDIATION, EvidenceKind.SOCIAL_REFERRAL),
    ),
    DefaultRule(
        code="job_seeker",
        label=_("Job seeker referred by the employment service"),
        description=_("The employment service (VDAB) refers a job seeker who needs a device."),
        priority=2,
        evidence_kinds=(EvidenceKind.EMPLOYMENT_REFERRAL,),
    ),
    DefaultRule(
        code="pupil",
        label=_("Pupil referred by a school"),
        description=_("A school refers a pupil who has no device at home for school work."),
        priority=1,
        evidence_kinds=(EvidenceKind.SCHOOL_REFERRAL,),
    ),
    DefaultRule(
        code="social_referral",
        label=_("Referral by social services"),
        description=_("A social worker knows the person's situation and vouches for the need."),
        priority=2,
        evidence_kinds=(EvidenceKind.SOCIAL_REFERRAL,),
    ),
)
DEFAULT_RULE_LABELS = {rule.code: rule.label for rule in DEFAULT_RULES}
DEFAULT_RULE_DESCRIPTIONS = {rule.code: rule.description for rule in DEFAULT_RULES}


DEFAULT_REGULATION_NL = """\
Uitleenreglement van de digibank

1. Wat is dit? De digibank leent of geeft computers en andere toestellen aan mensen die er een \
nodig hebben en er zelf geen kunnen kopen. De toestellen komen van bedrijven en mensen die ze \
schonken. Wij wissen en herstellen ze.

2. Wie kan lenen? Mensen die voldoen aan een van de regels van de digibank, bijvoorbeeld een \
verhoogde tegemoetkoming van het ziekenfonds, een leefloon, schuldbemiddeling, of een \
doorverwijzing door een maatschappelijk werker, een school of de VDAB.

3. Hoe lang? U leent het toestel tot de datum in uw overeenkomst. U kunt vragen om het langer \
te houden. Als u de voorwaarden in uw overeenkomst naleeft, kan het toestel van u worden.

4. Zorg voor het toestel. Gebruik het toestel voor uzelf en uw gezin. Verkoop het niet en leen \
het niet uit aan anderen. Houd het proper en droog. Installeer updates als het toestel erom vraagt.

5. Als het stukgaat of verloren raakt. Laat het ons zo snel mogelijk weten. Open het toestel niet \
zelf. Wij herstellen het als dat kan. Voor gewone slijtage betaalt u niets. Is het toestel \
gestolen? Doe aangifte bij de politie en verwittig ons.

6. Terugbrengen. Breng het toestel terug met de lader en de toebehoren, ten laatste op de datum in \
uw overeenkomst. Wij wissen alle gegevens voor de volgende persoon het krijgt. Bewaar eerst uw \
eigen bestanden.

7. Uw gegevens. We bewaren alleen wat we nodig hebben om u te helpen: uw naam, hoe we u \
bereiken en welk toestel u hebt. We bewaren nooit een kopie van uw documenten.
"""

DEFAULT_REGULATION_FR = """\
Règlement de prêt de la digibank

1. De quoi s'agit-il ? La digibank prête ou donne des ordinateurs et d'autres appareils aux \
personnes qui en ont besoin et ne peuvent pas en acheter. Les appareils viennent d'entreprises et \
de personnes qui les ont donnés. Nous les effaçons et les réparons.

2. Qui peut emprunter ? Les personnes qui remplissent une des règles de la digibank, par exemple \
l'intervention majorée de la mutualité, le revenu d'intégration, la médiation de dettes, ou une \
orientation par un travailleur social, une école ou le service de l'emploi.

3. Pour combien de temps ? Vous empruntez l'appareil jusqu'à la date de votre convention. Vous \
pouvez demander à le garder plus longtemps. Si vous respectez les conditions de votre convention, \
l'appareil peut devenir le vôtre.

4. Prendre soin de l'appareil. Utilisez l'appareil pour vous et votre famille. Ne le vendez pas et \
ne le prêtez pas à d'autres. Gardez-le propre et au sec. Installez les mises à jour quand \
l'appareil le demande.

5. S'il se casse ou se perd. Prévenez-nous le plus vite possible. N'ouvrez pas l'appareil \
vous-même. Nous le réparons si c'est possible. Vous ne payez rien pour l'usure normale. Si \
l'appareil est volé, portez plainte à la police et prévenez-nous.

6. Le rapporter. Rapportez l'appareil avec le chargeur et les accessoires, au plus tard à la date \
de votre convention. Nous effaçons toutes les données avant que la personne suivante le reçoive. \
Sauvegardez d'abord vos propres fichiers.

7. Vos données. Nous gardons seulement ce qu'il faut pour vous aider : votre nom, comment vous \
joindre et quel appareil vous avez. Nous ne gardons jamais de copie de vos documents.
"""

DEFAULT_REGULATION_EN = """\
Lending regulation of the digibank

1. What is this? The digibank lends or gives computers and other devices to people who need one \
and cannot buy one. The devices come from companies and people who gave them. We wipe and repair \
them.

2. Who can borrow? People who meet one of the rules of the digibank, for example an increased \
allowance from the health insurance fund, a living wage, debt mediation, or a referral by a social \
worker, a school or the employment service.

3. How long? You borrow the device until the date in your agreement. You can ask to keep it \
longer. If you meet the conditions in your agreement, the device can become yours.

4. Taking care of the device. Use the device for yourself and your family. Do not sell it or lend \
it to others. Keep it clean and dry. Install updates when the device asks for them.

5. If it breaks or is lost. Tell us as soon as possible. Do not open the device yourself. We \
repair it if we can. You pay nothing for normal wear. If the device is stolen, report it to the \
police and tell us.

6. Bringing it back. Bring the device back with its charger and accessories, at the latest on the \
date in your agreement. We wipe all data before the next person gets it. Save your own files \
first.

7. Your data. We keep only what we need to help you: your name, how to reach you and which device \
you have. We never keep a copy of your documents.
"""
