"""The note check: what looks like a password, PIN, PUK or confirmation code, table-driven."""

import pytest

from digibank.help.secrets import SecretKind, looks_like_a_secret, secrets_in

SECRETS = [
    # digit runs of 4 to 8: PIN, itsme code, confirmation code, PUK
    ("pin vergeten, nieuwe is 4821", SecretKind.DIGITS),
    ("itsme code 12345 ingesteld", SecretKind.DIGITS),
    ("code per sms: 583 201", SecretKind.DIGITS),
    ("bevestigd met 48 21 93", SecretKind.DIGITS),
    ("PUK 1234-5678 gevonden in de brief", SecretKind.DIGITS),
    ("12345678", SecretKind.DIGITS),
    ("code ４８２１ (full-width digits)", SecretKind.DIGITS),
    ("pin 2019", SecretKind.DIGITS),  # a year-like PIN right after the word
    # a secret word with its value
    ("wachtwoord: Zomer!", SecretKind.WORD_WITH_VALUE),
    ("Wachtwoord is hondje", SecretKind.WORD_WITH_VALUE),
    ("paswoord = abc", SecretKind.WORD_WITH_VALUE),
    ("le mot de passe est chaton", SecretKind.WORD_WITH_VALUE),
    ("mot de passe : soleil", SecretKind.WORD_WITH_VALUE),
    ("mdp: azerty", SecretKind.WORD_WITH_VALUE),
    ("password was 'letmein'", SecretKind.WORD_WITH_VALUE),
    ("pincode: abcd", SecretKind.WORD_WITH_VALUE),
    ("itsme-code is vijf", SecretKind.WORD_WITH_VALUE),
    ("code de confirmation : XK-77", SecretKind.WORD_WITH_VALUE),
    ("bevestigingscode “kiwi”", SecretKind.WORD_WITH_VALUE),
]

NOT_SECRETS = [
    "",
    "pin geblokkeerd, doorverwezen naar het gemeentehuis",
    "wachtwoord vergeten: samen een nieuw aangevraagd",
    "het wachtwoord is vergeten",
    "mot de passe oublié, expliqué la procédure",
    "PUK-code kwijt",
    "Tax-on-web aangifte 2024 samen ingevuld",
    "afspraak op 12/03/2025 om 14.30",
    "afspraak op 12.03.2025",
    "terugkomen op 2025-04-01",
    "duurde 45 minuten, 3 keer geprobeerd",
    "itsme op nieuwe gsm gezet",
    "spinnen en pinguïns",  # a secret word inside another word
    "opinion: ok",
]


@pytest.mark.parametrize(("text", "kind"), SECRETS)
def test_it_finds_what_looks_like_a_secret(text, kind):
    assert kind in {finding.kind for finding in secrets_in(text)}
    assert looks_like_a_secret(text)


@pytest.mark.parametrize("text", NOT_SECRETS)
def test_it_lets_plain_notes_through(text):
    assert secrets_in(text) == []
    assert not looks_like_a_secret(text)


def test_each_finding_says_where_it_is():
    text = "pin 4821 en wachtwoord: Zomer"
    findings = secrets_in(text)
    assert [text[f.start : f.end] for f in findings] == ["4821", "wachtwoord: Zomer"]
