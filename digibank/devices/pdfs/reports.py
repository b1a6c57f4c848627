"""The donor report: what became of a donation's devices and their estimated impact."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm

from digibank.devices.impact import SOURCES, Impact
from digibank.devices.models import Donation
from digibank.devices.pdfs.layout import (
    build_pdf,
    date_text,
    document_styles,
    issuer_text,
    text_paragraph,
    text_table,
)
from digibank.organisations.models import Digibank


def _kg(value: Decimal) -> str:
    return formats.number_format(value.quantize(Decimal("0.1")), decimal_pos=1, use_l10n=True)


def donor_report(
    *,
    digibank: Digibank,
    donor_name: str,
    donations: Sequence[Donation],
    impact: Impact,
    compress: bool = True,
) -> bytes:
    styles = document_styles()
    title = _("Donor report")
    story: list = [
        text_paragraph(title, styles["title"], bold=True),
        text_paragraph(donor_name, styles["heading"], bold=True),
        text_paragraph(
            _("Made on %(date)s by %(issuer)s")
            % {"date": date_text(timezone.localdate()), "issuer": issuer_text(digibank)},
            styles["body"],
        ),
        text_paragraph(
            _("Donations: %(references)s")
            % {"references": ", ".join(d.reference for d in donations) or "–"},
            styles["body"],
        ),
        text_paragraph(_("What happened to your devices"), styles["heading"], bold=True),
    ]
    reached = str(impact.people_reached) if impact.people_reached is not None else _("not recorded")
    figures = [
        [_("Figure"), _("Number")],
        [_("Devices received"), str(impact.received)],
        [_("Devices with a verified data erasure"), str(impact.wiped)],
        [_("Devices reused (lent or given to a resident)"), str(impact.reused)],
        [_("Devices repaired"), str(impact.repaired)],
        [_("Devices recycled"), str(impact.recycled)],
        [_("People reached"), reached],
        [_("E-waste avoided (kg)"), _kg(impact.waste_avoided_kg)],
        [_("CO2e avoided (kg)"), _kg(impact.co2e_avoided_kg)],
    ]
    story.append(text_table(figures, [120 * mm, 40 * mm], styles))
    story.append(
        text_paragraph(
            _("People are counted, never named: this report holds no personal data."),
            styles["small"],
        )
    )
    if impact.lines:
        story.append(text_paragraph(_("Impact per kind of device"), styles["heading"], bold=True))
        rows = [[_("Kind"), _("Reused"), _("E-waste avoided (kg)"), _("CO2e avoided (kg)")]]
        rows += [
            [line.label, str(line.reused), _kg(line.weight_kg), _kg(line.co2e_kg)]
            for line in impact.lines
        ]
        story.append(text_table(rows, [60 * mm, 30 * mm, 40 * mm, 40 * mm], styles))
    story.append(text_paragraph(_("How we count"), styles["heading"], bold=True))
    story += [text_paragraph(str(source), styles["small"]) for source in SOURCES]
    return build_pdf(story, title=title, footer=f"{title} – {donor_name}", compress=compress)
