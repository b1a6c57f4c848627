"""The demo's guides for helpers, in Dutch: the most asked topics, as a region would write them.

Each guide is (topic code, title, steps for helpers, hand-out for residents, later versions);
a later version is (what changed, the new steps). The texts are meant to be useful as they
stand; the official services change their screens, which is why every guide has a date.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _text(*lines: str) -> str:
    """A text of several lines (a step each, or paragraphs around an empty line)."""
    return "\n".join(lines)


@dataclass(frozen=True)
class DemoVersion:
    note: str
    body: str


@dataclass(frozen=True)
class DemoGuide:
    code: str
    title: str
    body: str
    handout: str
    later: tuple[DemoVersion, ...] = field(default_factory=tuple)


GUIDES = (
    DemoGuide(
        code="H01",
        title="itsme overzetten naar een nieuwe telefoon",
        body=_text(
            "1. Vraag of de persoon de oude telefoon nog heeft en of die nog werkt.",
            "2. Laat de persoon op de nieuwe telefoon de app itsme installeren "
            'uit de App Store of Google Play. Kijk samen of de maker "itsme nv"'
            " is.",
            '3. Open itsme op de nieuwe telefoon en kies "Ik heb al een itsme-account".',
            "4. De persoon bevestigt met de oude telefoon en kiest een nieuwe "
            "itsme-code van 5 cijfers.",
            "5. Zeg duidelijk: de code is alleen voor de persoon zelf. U kijkt "
            "niet mee en schrijft ze niet op.",
        ),
        handout=_text(
            "U hebt een nieuwe telefoon. Zo neemt u itsme mee.",
            "",
            "Houd uw oude telefoon bij de hand. Die hebt u nodig.",
            "",
            'Zet de app itsme op uw nieuwe telefoon. Neem de app van "itsme nv".',
            "",
            'Kies in de app: "Mijn account overzetten". Bevestig met uw oude telefoon.',
            "",
            "Kies een nieuwe itsme-code van 5 cijfers. Zeg die code aan "
            "niemand. Ook niet aan een helper, de bank of de politie.",
            "",
            "Lukt het niet? Kom gerust terug naar het knooppunt.",
        ),
        later=(
            DemoVersion(
                "Stappen aangepast aan de nieuwe schermen van itsme.",
                _text(
                    "1. Vraag of de persoon de oude telefoon nog heeft en of die nog werkt.",
                    "2. Laat de persoon op de nieuwe telefoon de app itsme installeren "
                    'uit de App Store of Google Play. Kijk samen of de maker "itsme nv"'
                    " is.",
                    '3. Open itsme op de nieuwe telefoon en kies "Ik heb al een itsme-'
                    'account". In de nieuwe schermen heet dit "Mijn account '
                    'overzetten".',
                    "4. De persoon bevestigt met de oude telefoon en kiest een nieuwe "
                    "itsme-code van 5 cijfers.",
                    "5. Zeg duidelijk: de code is alleen voor de persoon zelf. U kijkt "
                    "niet mee en schrijft ze niet op.",
                    "6. Open samen een dienst (bijvoorbeeld Mijn Burgerprofiel) om te "
                    "tonen dat aanmelden lukt.",
                ),
            ),
            DemoVersion(
                "Stap toegevoegd: wat als de oude telefoon kwijt is.",
                _text(
                    "1. Vraag of de persoon de oude telefoon nog heeft en of die nog werkt.",
                    "2. Laat de persoon op de nieuwe telefoon de app itsme installeren "
                    'uit de App Store of Google Play. Kijk samen of de maker "itsme nv"'
                    " is.",
                    '3. Open itsme op de nieuwe telefoon en kies "Ik heb al een itsme-'
                    'account". In de nieuwe schermen heet dit "Mijn account '
                    'overzetten".',
                    "4. De persoon bevestigt met de oude telefoon en kiest een nieuwe "
                    "itsme-code van 5 cijfers.",
                    "5. Zeg duidelijk: de code is alleen voor de persoon zelf. U kijkt "
                    "niet mee en schrijft ze niet op.",
                    "6. Open samen een dienst (bijvoorbeeld Mijn Burgerprofiel) om te "
                    "tonen dat aanmelden lukt.",
                    "7. Is de oude telefoon kwijt of stuk? Dan maakt de persoon een "
                    "nieuw account met de eID en een kaartlezer, of bij de bank. "
                    "Verwijs naar de kaartlezer-gids van de bank.",
                ),
            ),
        ),
    ),
    DemoGuide(
        code="H07",
        title="Jobbonus: nagaan of u hem krijgt",
        body=_text(
            "1. Leg uit: de Vlaamse jobbonus is een premie voor wie werkt met "
            "een laag loon. De Vlaamse overheid kijkt zelf wie er recht op "
            "heeft.",
            "2. Wie recht heeft, krijgt een brief of een bericht. Vraag of de "
            "persoon zo'n brief kreeg en lees hem samen.",
            "3. Laat de persoon aanmelden op de website van VDAB over de "
            "jobbonus, met itsme of de eID.",
            "4. Kijk samen of het rekeningnummer juist is. Is het fout of leeg,"
            " dan vult de persoon het zelf in.",
            "5. Kreeg de persoon geen brief maar denkt hij recht te hebben? "
            "Noteer de vraag en verwijs naar VDAB (gratis nummer 0800 30 700).",
        ),
        handout=_text(
            "De jobbonus is geld van de Vlaamse overheid voor mensen die werken met een laag loon.",
            "",
            "U hoeft de jobbonus niet zelf aan te vragen. Hebt u er recht op, "
            "dan krijgt u een brief of een bericht.",
            "",
            "Kijk of uw rekeningnummer juist is. Dat doet u op de website van "
            "VDAB, met itsme of uw eID.",
            "",
            "Vragen? Bel gratis naar VDAB: 0800 30 700.",
        ),
    ),
    DemoGuide(
        code="H04",
        title="Mijn Burgerprofiel: aanmelden en een attest downloaden",
        body=_text(
            "1. Open burgerprofiel.be samen met de persoon, op diens eigen toestel als dat kan.",
            "2. De persoon meldt zelf aan met itsme of met de eID en een kaartlezer.",
            "3. Toon de tegels: Mijn documenten, Mijn premies, Mijn woning.",
            '4. Een attest (bijvoorbeeld gezinssamenstelling) staat onder "Mijn'
            ' documenten" of "Attesten". De persoon kiest het attest en '
            "downloadt het als pdf.",
            "5. Toon waar de pdf op het toestel staat, en hoe je hem mailt of afdrukt.",
            '6. Wijs op de knop "Afmelden" als het toestel gedeeld is.',
        ),
        handout=_text(
            "Mijn Burgerprofiel is uw eigen pagina bij de Vlaamse overheid.",
            "",
            "Ga naar burgerprofiel.be. Meld aan met itsme of met uw "
            "identiteitskaart en een kaartlezer.",
            "",
            "U vindt er uw documenten, uw premies en gegevens over uw woning.",
            "",
            'Een attest nodig? Kies "Mijn documenten". Kies het attest. Het '
            "komt als pdf op uw toestel.",
            "",
            'Gebruikt u een computer van iemand anders? Klik op het einde op "Afmelden".',
        ),
    ),
    DemoGuide(
        code="H06",
        title="Tax-on-web: het voorstel van aangifte nakijken",
        body=_text(
            "1. Vraag of de persoon een voorstel van vereenvoudigde aangifte "
            "kreeg (brief of eBox), of een gewone aangifte moet doen.",
            "2. De persoon meldt zelf aan op myminfin.be met itsme of de eID.",
            '3. Open samen "Tax-on-web" en het voorstel. Overloop de bedragen '
            "met de fiches die de persoon meebracht.",
            "4. Klopt alles? Dan hoeft de persoon bij een voorstel niets te "
            "doen. Is er iets fout of ontbreekt er iets, dan past de persoon "
            "het aan en dient in.",
            "5. Twijfel over bedragen of aftrekken: wij vullen niets in op "
            "gevoel. Verwijs naar de hulp van de FOD Financiën (afspraak of 02 "
            "572 57 57).",
        ),
        handout=_text(
            "Elk jaar kijkt u uw belastingaangifte na.",
            "",
            "Meld aan op myminfin.be met itsme of met uw identiteitskaart.",
            "",
            'Kies "Tax-on-web". Kijk of de bedragen kloppen met uw papieren.',
            "",
            "Alles juist bij een voorstel? Dan moet u niets doen.",
            "",
            "Iets fout of twijfelt u? Bel de FOD Financiën: 02 572 57 57. U "
            "kunt er ook een afspraak maken.",
        ),
    ),
    DemoGuide(
        code="H05",
        title="eBox activeren en officiële brieven lezen",
        body=_text(
            "1. De persoon meldt aan op myebox.be met itsme of de eID. Op de "
            'smartphone kan dat ook met de app "eBox".',
            "2. Bij de eerste keer: de persoon duidt aan welke diensten "
            "berichten mogen sturen en geeft een e-mailadres voor een melding.",
            "3. Toon een bericht openen, de pdf downloaden en bewaren.",
            "4. Zeg: een brief in de eBox telt even zwaar als een brief op "
            "papier. Kijk dus geregeld.",
            "5. Een echte eBox-melding vraagt nooit een code of rekeningnummer."
            " Twijfel: zie de gids over phishing.",
        ),
        handout=_text(
            "De eBox is uw brievenbus bij de overheid, maar dan op internet.",
            "",
            "Ga naar myebox.be of gebruik de app eBox. Meld aan met itsme of uw identiteitskaart.",
            "",
            "Geef uw e-mailadres. Dan krijgt u een mail als er een nieuwe brief is.",
            "",
            "Een brief in de eBox is even belangrijk als een brief op papier. "
            "Kijk er dus geregeld in.",
            "",
            "De eBox vraagt nooit uw codes of uw rekeningnummer in een mail.",
        ),
        later=(
            DemoVersion(
                "De app eBox toegevoegd.",
                _text(
                    "1. De persoon meldt aan op myebox.be met itsme of de eID. Op de "
                    'smartphone kan dat ook met de app "eBox".',
                    "2. Bij de eerste keer: de persoon duidt aan welke diensten "
                    "berichten mogen sturen en geeft een e-mailadres voor een melding.",
                    "3. Toon een bericht openen, de pdf downloaden en bewaren.",
                    "4. Zeg: een brief in de eBox telt even zwaar als een brief op "
                    "papier. Kijk dus geregeld.",
                    "5. Een echte eBox-melding vraagt nooit een code of rekeningnummer."
                    " Twijfel: zie de gids over phishing.",
                    "6. Met de app kan de persoon meldingen op de telefoon krijgen: zet"
                    " ze samen aan.",
                ),
            ),
        ),
    ),
    DemoGuide(
        code="H13",
        title="De bankapp installeren en veilig gebruiken",
        body=_text(
            "1. Vraag bij welke bank de persoon is. Zoek de app van die bank in"
            " de App Store of Google Play; kijk samen naar de naam van de "
            "maker.",
            "2. Het activeren gebeurt met de bankkaart en de kaartlezer, met "
            "itsme, of met een code die de bank per brief stuurt. De persoon "
            "typt zelf.",
            "3. Toon het saldo bekijken en een overschrijving klaarzetten. De "
            "persoon bevestigt zelf.",
            "4. Zeg: de bank belt of mailt nooit om codes te vragen.",
            "5. Lukt het activeren niet: verwijs naar het kantoor of de hulplijn van de bank.",
        ),
        handout=_text(
            "Met de app van uw bank ziet u uw geld en betaalt u rekeningen.",
            "",
            "Neem de app van uw eigen bank uit de App Store of Google Play.",
            "",
            "Uw codes zijn alleen voor u. Typ ze zelf. Geef ze nooit door: niet"
            " aan de telefoon, niet in een mail, niet aan een helper.",
            "",
            "De bank vraagt nooit uw codes. Iemand vraagt ze toch? Haak in en bel uw bank.",
            "",
            "Lukt het niet? Ga naar uw bankkantoor of bel de hulplijn van uw bank.",
        ),
    ),
    DemoGuide(
        code="H18",
        title="Phishing herkennen: valse sms'en en e-mails",
        body=_text(
            "1. Bekijk het bericht samen, zonder op een link te klikken.",
            '2. Tekenen van oplichting: haast ("vandaag nog"), een rare '
            "afzender, een link naar een vreemde website, een vraag naar codes "
            "of een rekeningnummer.",
            "3. Laat de persoon het bericht doorsturen naar "
            "verdacht@safeonweb.be en het daarna wissen.",
            "4. Al op een link geklikt of codes gegeven? Meteen de bankkaart "
            "laten blokkeren via Card Stop: 078 170 170. Daarna de bank bellen.",
            "5. Geld kwijt: aangifte bij de politie. Verwijs zo nodig naar slachtofferhulp.",
        ),
        handout=_text(
            "Oplichters sturen valse berichten. Ze doen alsof ze de bank, de "
            "post of de overheid zijn.",
            "",
            "Let op als een bericht haast heeft, een link heeft of vraagt naar uw codes.",
            "",
            "Klik niet op de link. Stuur het bericht door naar "
            "verdacht@safeonweb.be. Wis het daarna.",
            "",
            "Toch geklikt of codes gegeven? Bel meteen Card Stop: 078 170 170. "
            "Zij blokkeren uw bankkaart. Bel daarna uw bank.",
            "",
            "Geld kwijt? Ga naar de politie.",
        ),
    ),
)

# The guides one digibank adds for its own hubs (written by its coordinator).
LOCAL_GUIDES = (
    DemoGuide(
        code="H16",
        title="Attest gezinssamenstelling via het e-loket van de stad",
        body=_text(
            "1. Vraag waarvoor het attest dient: soms volstaat het attest uit "
            "Mijn Burgerprofiel (zie die gids).",
            "2. Open het e-loket op de website van de stad. De persoon meldt "
            "aan met itsme of de eID.",
            '3. Kies "Attesten" en dan "Gezinssamenstelling". Het attest komt meteen als pdf.',
            "4. Lukt aanmelden niet? Het attest kan ook aan de balie van het "
            "stadskantoor, met de identiteitskaart.",
            "5. Afdrukken kan aan de printer van het knooppunt in de bibliotheek.",
        ),
        handout=_text(
            "Een attest gezinssamenstelling vraagt u bij de stad.",
            "",
            "Op internet: ga naar het e-loket op de website van de stad. Meld "
            'aan met itsme of uw identiteitskaart. Kies "Attesten".',
            "",
            "Aan de balie: ga naar het stadskantoor. Neem uw identiteitskaart mee.",
            "",
            "Wilt u het attest op papier? In de bibliotheek kunt u het afdrukken.",
        ),
        later=(
            DemoVersion(
                "Tip over afdrukken in de bibliotheek toegevoegd.",
                _text(
                    "1. Vraag waarvoor het attest dient: soms volstaat het attest uit "
                    "Mijn Burgerprofiel (zie die gids).",
                    "2. Open het e-loket op de website van de stad. De persoon meldt "
                    "aan met itsme of de eID.",
                    '3. Kies "Attesten" en dan "Gezinssamenstelling". Het attest komt '
                    "meteen als pdf.",
                    "4. Lukt aanmelden niet? Het attest kan ook aan de balie van het "
                    "stadskantoor, met de identiteitskaart.",
                    "5. Afdrukken kan aan de printer van het knooppunt in de "
                    "bibliotheek: de persoon mailt de pdf naar het printadres dat aan "
                    "de balie hangt.",
                ),
            ),
        ),
    ),
)
