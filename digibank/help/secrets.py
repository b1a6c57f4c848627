"""Free-text notes never hold a resident's secrets: passwords, PIN or PUK codes, itsme codes or
the confirmation codes a bank or government site sends.

Helpers guide; they never act in someone's accounts, so they never need such a code. A helper
writing a note in a hurry may still type one ("pin 4821 vergeten"), and a note is kept for years.
`secrets_in(text)` finds what looks like one, and the visit and referral forms and services refuse
the note until it is rephrased. It is a nudge with a clear message, not a guarantee: it looks for

- a run of 4 to 8 digits, also written in groups ("12 34 56", "1234-5678"): the length of a PIN
  (4), an itsme code (5), a confirmation code (6) or a PUK (8). Dates and times are not codes
  ("12/03/2024", "14.30"), nor is a year on its own (1900-2099), unless a secret word is right
  before it ("pin 2019");
- a secret word in Dutch, French or English followed by what reads as its value: "wachtwoord:
  Zomer!", "mot de passe est chat", "pin = abcd". The word alone is fine: "pin geblokkeerd" or
  "wachtwoord vergeten" is what the visit was about.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SECRET_WORDS = (
    "wachtwoord",
    "paswoord",
    "password",
    "passwoord",
    "mot de passe",
    "mdp",
    "pincode",
    "pin-code",
    "code pin",
    "pin",
    "pukcode",
    "puk-code",
    "code puk",
    "puk",
    "itsme-code",
    "itsme code",
    "code itsme",
    "code secret",
    "geheime code",
    "verificatiecode",
    "bevestigingscode",
    "activatiecode",
    "sms-code",
    "code sms",
    "code de confirmation",
    "code de vérification",
    "code de verification",
    "code d'activation",
    "verification code",
    "confirmation code",
)

# Words that say what happened to the secret, not what it is: "wachtwoord is vergeten".
NOT_A_VALUE = frozenset(
    {
        "vergeten",
        "geblokkeerd",
        "gewijzigd",
        "veranderd",
        "aangepast",
        "gereset",
        "opnieuw",
        "verlopen",
        "fout",
        "verkeerd",
        "juist",
        "correct",
        "niet",
        "nog",
        "al",
        "kwijt",
        "oublié",
        "oublie",
        "bloqué",
        "bloque",
        "changé",
        "change",
        "expiré",
        "expire",
        "perdu",
        "faux",
        "incorrect",
        "pas",
        "forgotten",
        "blocked",
        "changed",
        "reset",
        "expired",
        "lost",
        "wrong",
        "not",
        "still",
    }
)

# What joins a secret word to its value: "pin: 1234", "wachtwoord is ...", "mot de passe = ...".
_JOINERS = r"(?:\s*[:=]\s*|\s+(?:is|was|wordt|werd|est|c'est|:)\s+|\s*[:=]?\s*[\"'«“‘])"
_WORDS = "|".join(re.escape(word) for word in sorted(SECRET_WORDS, key=len, reverse=True))
_WORD_WITH_VALUE = re.compile(
    rf"(?<![\w-])(?P<word>{_WORDS})(?![\w-]){_JOINERS}(?P<value>[^\s,.;]+)", re.IGNORECASE
)
_WORD_BEFORE = re.compile(rf"(?<![\w-])(?:{_WORDS})\W*$", re.IGNORECASE)
# Digits, possibly in groups joined by one space, dot or dash ("12 34 56", "1234-5678").
_NUMBER = re.compile(r"(?<![\d/:])\d+(?:[ .\-]\d+)*(?![\d/:])")
_DATE = re.compile(r"^\d{1,2}[.\-]\d{1,2}[.\-]\d{2,4}$|^\d{4}-\d{1,2}-\d{1,2}$")
_TIME = re.compile(r"^([01]?\d|2[0-3])[.]([0-5]\d)$")


class SecretKind:
    DIGITS = "digits"
    WORD_WITH_VALUE = "word_with_value"


@dataclass(frozen=True)
class Finding:
    """What looked like a secret, and where (so the message can quote a short part of it)."""

    kind: str
    start: int
    end: int


def _normalised(text: str) -> str:
    # Full-width and other compatibility digits become plain digits; lengths stay the same for
    # the characters that matter here.
    return unicodedata.normalize("NFKC", text)


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099


def secrets_in(text: str) -> list[Finding]:
    """Every part of `text` that looks like a password, PIN, PUK or confirmation code."""
    text = _normalised(text or "")
    findings: list[Finding] = []
    for match in _WORD_WITH_VALUE.finditer(text):
        if match.group("value").strip("\"'«»“”‘’").casefold() in NOT_A_VALUE:
            continue
        findings.append(Finding(SecretKind.WORD_WITH_VALUE, match.start(), match.end()))
    for match in _NUMBER.finditer(text):
        number = match.group()
        if _DATE.match(number) or _TIME.match(number):
            continue
        digits = sum(char.isdigit() for char in number)
        if not 4 <= digits <= 8:
            continue
        if _is_year(number) and not _WORD_BEFORE.search(text[: match.start()]):
            continue
        findings.append(Finding(SecretKind.DIGITS, match.start(), match.end()))
    return sorted(findings, key=lambda finding: finding.start)


def looks_like_a_secret(text: str) -> bool:
    return bool(secrets_in(text))
