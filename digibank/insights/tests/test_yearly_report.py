"""The yearly report, read back with pypdf: the digibank, the year, the same protected figures as
the dashboard for that year, its partners, and never a person's name."""

from __future__ import annotations

import dataclasses
import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from digibank.insights.figures import QUERIES, Dashboard, dashboard
from digibank.insights.period import calendar_year
from digibank.insights.report import report_data, report_pdf, yearly_report
from digibank.insights.report.data import report_years, section_of, sections
from digibank.insights.sources import Window
from digibank.insights.suppression import Cell
from digibank.insights.tables import Row, Table
from digibank.lending.tests.helpers import handed_over, waiting_request
from digibank.organisations.models import PartnerKind
from digibank.organisations.services import create_partner
from digibank.people.models import Person
from digibank.testing import act

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def text_of(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def board_for(world, year: int) -> Dashboard:
    period = calendar_year(year)
    return dashboard(Window((world.a.digibank.pk,), period.start, period.end), period)


def test_the_report_shows_the_dashboards_figures_for_the_year_and_no_names(world) -> None:
    loan = handed_over(world.a)
    create_partner(
        digibank=world.a.digibank,
        by=act(world.a.users["coordinator"]),
        name="Bibliotheek Mechelen",
        kind=PartnerKind.CIVIL_SOCIETY,
        description="Lends its reading room for the lessons",
    )
    text = text_of(yearly_report(world.a.digibank, THIS_YEAR, language="en"))
    board = board_for(world, THIS_YEAR)

    assert world.a.digibank.name in text and world.a.digibank.region.name in text
    assert f"Yearly report {THIS_YEAR}" in text
    headlines = board.headlines
    assert headlines.reached.text == "<10"  # one person: hidden
    for label, cell in (
        ("People reached", headlines.reached),
        ("Devices handed over", headlines.handed_over),
        ("Skills checks completed", headlines.checks),
    ):
        assert f"{label} {cell.text}" in text
    assert "1,000 people not yet" in text
    for table in board.tables:
        assert str(table.title) in text
    assert "Bibliotheek Mechelen" in text and "Lends its reading room for the lessons" in text
    assert world.a.partner.name in text
    assert world.b.partner.name not in text
    names = {n for p in Person.objects.all() for n in (p.first_name, p.last_name)}
    assert loan.person is not None and loan.person.last_name in names
    assert not [name for name in names if name in text]


def test_counts_of_ten_or_more_are_shown_as_the_dashboard_shows_them(world) -> None:
    from digibank.insights.tests.test_dashboards import people

    for person in people(world, 10):
        handed_over(world.a, person=person)
    text = text_of(yearly_report(world.a.digibank, THIS_YEAR, language="en"))
    board = board_for(world, THIS_YEAR)
    assert board.headlines.reached.text == "10"
    assert "People reached 10" in text
    assert "Devices handed over 10" in text


def test_a_year_without_activity_reads_zero_and_says_the_year_is_complete(world) -> None:
    handed_over(world.a)
    text = text_of(yearly_report(world.a.digibank, THIS_YEAR - 3, language="en"))
    assert f"From 1 January to 31 December {THIS_YEAR - 3}." in text
    assert "People reached 0" in text and "<10" not in text.split("About these figures")[0]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Jaarverslag", "Bereikte mensen"]),
        ("fr", ["Rapport annuel", "Personnes aidées"]),
        ("en", ["Yearly report", "People reached"]),
        ("de", ["Jaarverslag"]),
    ],
)
def test_it_is_written_in_the_readers_language_or_in_dutch(world, language, words) -> None:
    text = text_of(yearly_report(world.a.digibank, THIS_YEAR, language=language))
    for word in words:
        assert word in text


def test_the_document_names_its_title_author_subject_and_language(world) -> None:
    reader = PdfReader(BytesIO(yearly_report(world.a.digibank, 2025, language="fr")))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == f"Rapport annuel 2025 : {world.a.digibank.name}"
    assert meta.author == world.a.digibank.name
    assert meta.subject
    assert str(reader.root_object["/Lang"]) == "fr"
    top = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert top[:2] == ["Résumé", "Activités"] and "Partenaires impliqués" in top


def test_markup_in_a_name_is_printed_as_text(world) -> None:
    payload = '=HYPERLINK("https://evil.example","x")<script>alert(1)</script>'
    create_partner(
        digibank=world.a.digibank,
        by=act(world.a.users["coordinator"]),
        name=payload,
        kind=PartnerKind.COMPANY,
        description='"><img src=x onerror=alert(1)>',
    )
    world.a.digibank.name = "<b>Digibank</b> <img src=x onerror=alert(1)>"
    text = text_of(yearly_report(world.a.digibank, THIS_YEAR, language="en"))
    squeezed = "".join(text.split())
    assert "".join(payload.split()) in squeezed
    assert "<imgsrc=xonerror=alert(1)>" in squeezed
    assert "<b>Digibank</b>" in text


def test_a_table_the_dashboard_gains_appears_in_its_section(world) -> None:
    extra = Table(
        key="help_visits",
        title="Help visits, by topic",
        row_heading="Topic",
        columns=[("count", "visits")],
        rows=[Row("tax", "Tax-on-web", [Cell(12)])],
    )
    reach = Table(
        key="reached_by_source",
        title="People reached, by kind of help",
        row_heading="Help",
        columns=[("count", "people")],
        rows=[],
    )
    period = calendar_year(THIS_YEAR)
    board = board_for(world, THIS_YEAR)
    board = Dashboard(period, board.headlines, [*board.tables, extra, reach])
    assert (section_of("help_visits"), section_of("reached_by_source")) == ("activities", "reach")
    keys = {s.key: [t.key for t in s.tables] for s in sections(board)}
    assert keys["activities"] == [
        "devices",
        "sessions",
        "help_visits_topic",
        "appointments",
        "referrals",
        "volunteer_hours",
        "trend",
        "help_visits",
    ]
    assert keys["outcomes"] == ["skills_progress", "enrolments", "help_visits_outcome"]
    assert keys["reach"][-1] == "reached_by_source"
    data = report_data(world.a.digibank, THIS_YEAR, language="en")
    data = dataclasses.replace(data, board=board, sections=sections(board))
    text = text_of(report_pdf(data))
    assert "Help visits, by topic" in text and "Tax-on-web" in text
    assert "People reached, by kind of help" in text


def test_the_years_offered_start_with_the_last_full_year() -> None:
    years = report_years(datetime.date(2026, 3, 1))
    assert years == [2025, 2024, 2023, 2022, 2021, 2026]


def test_the_report_reads_in_a_fixed_number_of_queries(world) -> None:
    from digibank.insights.tests.test_dashboards import people

    waiting_request(world.a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            yearly_report(world.a.digibank, THIS_YEAR, language="en")
        return len(captured.captured_queries)

    world.a.digibank.refresh_from_db()
    few = queries()
    assert few <= QUERIES + 2  # the dashboard's, the region's name and the partners
    for person in people(world, 12):
        handed_over(world.a, person=person)
        waiting_request(world.a, person=person)
    world.a.digibank.refresh_from_db()
    assert queries() == few


def test_the_pdf_charts_use_the_pages_colour_blind_safe_palette() -> None:
    from pathlib import Path

    from digibank.insights.report.charts_pdf import PALETTE

    css = (Path(__file__).parents[1] / "static/insights/insights.css").read_text()
    for series, colour in enumerate(PALETTE):
        assert f".chart__bar--{series} {{ fill: {colour}; }}" in css
