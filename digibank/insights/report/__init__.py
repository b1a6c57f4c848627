"""The yearly report: one PDF per digibank and year for the funding body (`data.py` reads,
`pdf.py` and `layout.py` write, `charts_pdf.py` draws the charts)."""

from __future__ import annotations

import datetime

from django.utils import translation

from digibank.insights.report.data import (
    ReportData,
    report_data,
    report_language,
    report_years,
)
from digibank.insights.report.pdf import report_pdf
from digibank.organisations.models import Digibank

__all__ = [
    "ReportData",
    "report_data",
    "report_language",
    "report_pdf",
    "report_years",
    "yearly_report",
]


def yearly_report(
    digibank: Digibank, year: int, *, language: str, today: datetime.date | None = None
) -> bytes:
    """The PDF of `digibank` for `year` in `language` (nl, fr or en; another gives Dutch)."""
    language = report_language(language)
    with translation.override(language):
        return report_pdf(report_data(digibank, year, language=language, today=today))
