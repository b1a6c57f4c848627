"""The certificate PDF, read back with pypdf: who, which module, where and when, attendance, the
reference code; in the person's language (Dutch, French, English; other languages get Dutch)."""

from __future__ import annotations

import datetime
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from digibank.skills.certificate import CertificateData, certificate_language, certificate_pdf


def data(**changes: Any) -> CertificateData:
    values: dict[str, Any] = {
        "code": "K7M4PQ2X",
        "language": "en",
        "person_name": "Fatima El Amrani",
        "module_title": "Smartphone basics",
        "level": 1,
        "hours": 10.0,
        "digibank_name": "Digibank Mechelen",
        "place": "Library Mechelen",
        "first_date": datetime.date(2026, 3, 2),
        "last_date": datetime.date(2026, 3, 23),
        "attended": 4,
        "dates": 5,
        "issued_on": datetime.date(2026, 3, 24),
        "trainer_name": "Tom Peeters",
        "competences": ["Interacting through digital technologies"],
    }
    values.update(changes)
    return CertificateData(**values)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_certificate_says_who_completed_what_where_when_and_how_often_they_came():
    text = text_of(certificate_pdf(data()))
    for part in (
        "Certificate",
        "This certificate is awarded to Fatima El Amrani",
        "for completing the module Smartphone basics",
        "with Digibank Mechelen at Library Mechelen, from 2 March 2026 to 23 March 2026.",
        "4 of 5 sessions",
        "10 hours",
        "1 of 8",
        "Tom Peeters",
        "Interacting through digital technologies",
        "Issued on 24 March 2026.",
        "K7M4PQ2X",
    ):
        assert part in text


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "with Digibank Mechelen, online, from 2 March 2026 to 23 March 2026."),
        ("nl", "bij Digibank Mechelen, online, van 2 maart 2026 tot 23 maart 2026."),
    ],
)
def test_an_online_session_reads_online_not_at_a_place(language, sentence):
    text = text_of(certificate_pdf(data(place="", language=language)))
    assert sentence in text


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Attest", "voor het volgen van de module", "4 van de 5 sessies", "maart"]),
        ("fr", ["Attestation", "pour avoir suivi le module", "4 séances sur 5", "mars"]),
        ("en", ["Certificate", "for completing the module", "4 of 5 sessions", "March"]),
        ("ar", ["Attest", "voor het volgen van de module"]),
    ],
)
def test_it_is_written_in_the_persons_language_or_in_dutch(language, words):
    text = text_of(certificate_pdf(data(language=language)))
    for word in words:
        assert word in text


def test_a_single_date_reads_as_one_day_and_large_print_still_fits_one_page():
    day = datetime.date(2026, 5, 4)
    text = text_of(certificate_pdf(data(first_date=day, last_date=day, large_print=True)))
    assert "on 4 May 2026" in text


def test_only_dutch_french_and_english_are_certificate_languages():
    assert [certificate_language(code) for code in ("nl", "fr", "en", "tr", None)] == [
        "nl",
        "fr",
        "en",
        "nl",
        "nl",
    ]


def test_a_name_with_markup_is_printed_as_text():
    text = text_of(certificate_pdf(data(person_name="<b>Ann</b> & Co")))
    assert "<b>Ann</b> & Co" in text
