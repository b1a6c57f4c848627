"""The yearly report as a PDF for the funding body, in the reader's language.

`report_pdf` is a pure function of `ReportData` (`data.py`): a cover page (digibank, region,
year, the day it was made), the summary (headline figures and the funder's tiers), a section per
part of the work (activities, reach, outcomes, impact) holding every table of the dashboard with
its chart and its data, the partners and what the marks "<10" and "x" mean.

Reportlab writes no tagged PDF, so a screen reader cannot be given the structure; what it can
have is here: the title, author, subject and language in the document's metadata, one column
read top to bottom in the order of the story, headings in the outline, a text summary under
every chart and the chart's numbers again as a table.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from digibank.devices.models import DeviceKind
from digibank.insights import charts
from digibank.insights.figures import impact_estimate
from digibank.insights.impact import FACTORS
from digibank.insights.report.charts_pdf import fitted
from digibank.insights.report.data import ReportData, Section
from digibank.insights.report.layout import (
    PAGE_MARGIN,
    ReportDocument,
    figure_table,
    grid,
    paragraph,
    styles,
)
from digibank.insights.suppression import PRIMARY_MEANING, SECONDARY_MEANING
from digibank.insights.tables import Table

WIDTH = A4[0] - 2 * PAGE_MARGIN
# A chart taller than this is drawn smaller (a long list of municipalities).
CHART_HEIGHT = 150 * mm


def _date(value: Any) -> str:
    return formats.date_format(value, "j F Y")


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def _cover(data: ReportData) -> list:
    look = styles()
    covered = (
        _("From 1 January to 31 December %(year)d.") % {"year": data.year}
        if data.complete
        else _("From 1 January %(year)d to the day this report was made: the year is not over.")
        % {"year": data.year}
    )
    return [
        Spacer(1, 40 * mm),
        paragraph(_("Yearly report %(year)d") % {"year": data.year}, look["cover"]),
        Spacer(1, 6 * mm),
        paragraph(data.digibank, look["cover_name"]),
        paragraph(_("Region: %(region)s") % {"region": data.region}, look["body"]),
        Spacer(1, 10 * mm),
        paragraph(covered, look["body"]),
        paragraph(_("Made on %(date)s.") % {"date": _date(data.made_on)}, look["body"]),
        Spacer(1, 10 * mm),
        paragraph(
            _(
                "Counts only: no names and no personal data. Small numbers are hidden to "
                "protect the people counted; the last page says how."
            ),
            look["body"],
        ),
        PageBreak(),
    ]


def _summary(data: ReportData) -> list:
    look = styles()
    h = data.board.headlines
    median = (
        ngettext("%(days)d day", "%(days)d days", h.median_wait_days) % {"days": h.median_wait_days}
        if h.median_wait_days is not None
        else _("not shown (fewer than 10 waiting)")
    )
    rows = [
        (_("People reached"), h.reached.text),
        (_("Devices handed over"), h.handed_over.text),
        (_("Skills checks completed"), h.checks.text),
        (_("On the waiting list when this report was made"), h.waiting.text),
        (_("Median time waited so far"), median),
    ]
    tiers = [
        (
            _("%(people)s people") % {"people": _number(tier.people)},
            _("reached") if tier.reached else _("not yet"),
        )
        for tier in data.board.tiers
    ]
    return [
        paragraph(_("Summary"), look["h1"]),
        paragraph(_("Headline figures"), look["h2"]),
        grid([_("Figure"), _("Value")], rows, widths=[WIDTH * 0.6, WIDTH * 0.25]),
        paragraph(_("Progress against the funder's tiers"), look["h2"]),
        paragraph(
            _(
                "Unique people reached in the year, each counted once whatever help they got: "
                "%(sources)s."
            )
            % {"sources": ", ".join(data.sources)},
            look["body"],
        ),
        grid([_("Tier"), _("Status")], tiers, widths=[WIDTH * 0.6, WIDTH * 0.25]),
    ]


def _figure(table: Table) -> list:
    """A table's charts, each with its text summary, then its numbers and notes; the title
    stays on the page of the first chart."""
    look = styles()
    title = paragraph(table.title, look["h2"])
    parts: list = []
    for n, chart in enumerate(charts.charts_for(table)):
        picture = fitted(chart, table.chart, WIDTH, CHART_HEIGHT)
        named = [paragraph(chart.title, look["small"])] if table.chart == "trend" else []
        block = [*named, picture, paragraph(chart.summary, look["small"])]
        parts.append(KeepTogether([title, *block] if n == 0 else block))
    if not parts:
        parts.append(title)
    parts.append(Spacer(1, 2 * mm))
    parts.append(figure_table(table, WIDTH))
    parts += [paragraph(note, look["small"]) for note in table.notes]
    return parts


def _impact(table: Table) -> list:
    """The estimate of kg and CO2e beside the counts, and where the factors come from."""
    look = styles()
    estimate = impact_estimate(table)
    rows = [[label, kg, co2e] for _key, label, kg, co2e in estimate]
    shown = [(kg, co2e) for _k, _l, kg, co2e in estimate if kg != "x"]
    if shown:
        rows.append(
            [
                _("Total of the kinds shown"),
                _number(sum(int(kg) for kg, _c in shown)),
                _number(sum(int(co2e) for _k, co2e in shown)),
            ]
        )
    if not rows:
        rows = [[_("Nothing counted in this period."), "", ""]]
    header = [
        _("Kind of device"),
        _("Kilograms reused or recycled"),
        _("Kilograms CO2e avoided by reuse"),
    ]
    factors = [
        [DeviceKind(kind).label, str(f.kg), str(f.co2e_kg)] for kind, f in sorted(FACTORS.items())
    ]
    return [
        paragraph(_("Estimated impact of reuse and recycling"), look["h2"]),
        grid(header, rows, widths=[WIDTH * 0.4, WIDTH * 0.3, WIDTH * 0.3], totals=int(bool(shown))),
        paragraph(
            _(
                "Estimates: the number of devices times a typical weight and footprint per kind "
                "(see the data dictionary). A row whose count is hidden shows x."
            ),
            look["small"],
        ),
        paragraph(_("Factors per kind of device"), look["h2"]),
        paragraph(
            _(
                "Devices have no recorded weight. The impact is estimated: the number of devices "
                "reused (lent or given) or recycled, times a typical weight, and for reuse the "
                "greenhouse gas that making a new device would emit (rounded averages of "
                "manufacturers' product environmental reports and the EU's Ecodesign studies)."
            ),
            look["body"],
        ),
        grid(
            [_("Kind of device"), _("kg per device"), _("kg CO2e avoided per reuse")],
            factors,
            widths=[WIDTH * 0.4, WIDTH * 0.3, WIDTH * 0.3],
        ),
    ]


def _section(section: Section) -> list:
    look = styles()
    parts: list = [PageBreak(), paragraph(section.title, look["h1"])]
    parts.append(paragraph(section.intro, look["body"]))
    for table in section.tables:
        parts += _figure(table)
        if table.key == "impact_devices":
            parts += _impact(table)
    return parts


def _partners(data: ReportData) -> list:
    look = styles()
    parts: list = [PageBreak(), paragraph(_("Partners involved"), look["h1"])]
    if not data.partners:
        return [*parts, paragraph(_("No partner organisations are recorded."), look["body"])]
    parts.append(
        paragraph(
            _("The organisations working with the digibank, and the role each plays."),
            look["body"],
        )
    )
    rows = [[p.name, p.kind, p.role] for p in data.partners]
    parts.append(
        grid(
            [_("Partner"), _("Kind"), _("Role in the digibank")],
            rows,
            widths=[WIDTH * 0.3, WIDTH * 0.25, WIDTH * 0.45],
            numeric_from=3,
        )
    )
    return parts


def _about() -> list:
    look = styles()
    return [
        paragraph(_("About these figures"), look["h1"]),
        paragraph(
            _("Small numbers are hidden to protect the people counted:")
            + f" <10 {PRIMARY_MEANING}; x {SECONDARY_MEANING}.",
            look["body"],
        ),
        paragraph(
            _(
                "The same figures are on the digibank's figures page for this year. The data "
                "dictionary page says what each figure counts."
            ),
            look["body"],
        ),
    ]


def story(data: ReportData) -> list:
    parts = [*_cover(data), *_summary(data)]
    for section in data.sections:
        parts += _section(section)
    return [*parts, *_partners(data), Spacer(1, 8 * mm), *_about()]


def report_pdf(data: ReportData) -> bytes:
    """The report as a PDF in `data.language`."""
    buffer = BytesIO()
    with translation.override(data.language):
        title = _("Yearly report %(year)d: %(digibank)s") % {
            "year": data.year,
            "digibank": data.digibank,
        }
        document = ReportDocument(
            buffer,
            pagesize=A4,
            leftMargin=PAGE_MARGIN,
            rightMargin=PAGE_MARGIN,
            topMargin=PAGE_MARGIN,
            bottomMargin=PAGE_MARGIN,
            title=title,
            author=data.digibank,
            subject=_(
                "Figures for the funding body: activities, reach, outcomes, impact and partners"
            ),
            creator="Digibank",
            lang=data.language,
        )
        document.footer_text = title
        document.build(story(data))
    return buffer.getvalue()
