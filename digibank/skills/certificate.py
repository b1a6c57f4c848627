"""The certificate a person gets for a completed module: a one-page PDF in their language (Dutch,
French or English; any other language gets Dutch), in large type when they asked for it.

`certificate_pdf` is a pure function of `CertificateData`: the page that offers the download
builds the data from the enrolment, the tests build it by hand. The certificate says what was
learnt in plain words (the module, its competences and level), where and with whom, how many of
the session dates the person attended, and its reference code, so a reader can ask the digibank
whether it is genuine.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from digibank.core.pdf import fonts

CERTIFICATE_LANGUAGES = ("nl", "fr", "en")
# Type sizes in points, as the loan agreement: 12, and 16 for a person who asked for large print.
TEXT_SIZE = 12
LARGE_TEXT_SIZE = 16


def certificate_language(preferred: str | None) -> str:
    """The person's language when the certificate is written in it, else Dutch."""
    return preferred if preferred in CERTIFICATE_LANGUAGES else CERTIFICATE_LANGUAGES[0]


@dataclass(frozen=True)
class CertificateData:
    """Everything the certificate says, already in its language where the data has one."""

    code: str
    language: str
    person_name: str
    module_title: str
    level: int
    hours: float
    digibank_name: str
    place: str  # the hub's name, or "" for a session online
    first_date: datetime.date
    last_date: datetime.date
    attended: int
    dates: int
    issued_on: datetime.date
    trainer_name: str = ""
    competences: list[str] = field(default_factory=list)
    large_print: bool = False


def _styles(large: bool) -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    size = LARGE_TEXT_SIZE if large else TEXT_SIZE
    body = ParagraphStyle(
        "body", fontName=regular, fontSize=size, leading=size * 1.4, spaceAfter=size / 2
    )
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=bold, fontSize=size * 2.2, leading=size * 2.8
        ),
        "name": ParagraphStyle(
            "name", parent=body, fontName=bold, fontSize=size * 1.7, leading=size * 2.3
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=bold, fontSize=size * 1.2, leading=size * 1.6
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=size - 2, leading=(size - 2) * 1.4),
    }


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _period(data: CertificateData) -> str:
    if data.first_date == data.last_date:
        return _("on %(date)s") % {"date": _date(data.first_date)}
    return _("from %(first)s to %(last)s") % {
        "first": _date(data.first_date),
        "last": _date(data.last_date),
    }


def _where_and_when(data: CertificateData) -> str:
    values = {"digibank": data.digibank_name, "place": data.place, "period": _period(data)}
    if not data.place:
        return _("with %(digibank)s, online, %(period)s.") % values
    return _("with %(digibank)s at %(place)s, %(period)s.") % values


def _story(data: CertificateData) -> list:
    styles = _styles(data.large_print)
    body = styles["body"]
    hours = formats.number_format(data.hours, decimal_pos=1 if data.hours % 1 else 0)
    story: list = [
        _p(_("Certificate"), styles["title"]),
        _p(_("This certificate is awarded to"), body),
        _p(data.person_name, styles["name"]),
        _p(_("for completing the module"), body),
        _p(data.module_title, styles["heading"]),
        _p(_where_and_when(data), body),
        Spacer(1, 4 * mm),
    ]
    rows = [
        (
            _("Attended"),
            _("%(attended)d of %(dates)d sessions")
            % {
                "attended": data.attended,
                "dates": data.dates,
            },
        ),
        (_("Length of the module"), _("%(hours)s hours") % {"hours": hours}),
        (_("Level"), _("%(level)d of 8 (European framework DigComp 2.2)") % {"level": data.level}),
    ]
    if data.trainer_name:
        rows.append((_("Trainer"), data.trainer_name))
    story.append(
        Table(
            [[_p(str(label), body), _p(str(value), body)] for label, value in rows],
            colWidths=[50 * mm, 115 * mm],
            hAlign="LEFT",
        )
    )
    if data.competences:
        story += [
            Spacer(1, 3 * mm),
            _p(_("What you practised"), styles["heading"]),
            *[_p("• " + competence, body) for competence in data.competences],
        ]
    story += [
        Spacer(1, 10 * mm),
        _p(_("Issued on %(date)s.") % {"date": _date(data.issued_on)}, body),
        _p(
            _(
                "Reference %(code)s. Ask %(digibank)s with this reference whether the "
                "certificate is genuine."
            )
            % {"code": data.code, "digibank": data.digibank_name},
            styles["small"],
        ),
    ]
    return story


def certificate_pdf(data: CertificateData, *, compress: bool = True) -> bytes:
    """The certificate as a PDF, in `data.language`."""
    buffer = BytesIO()
    with translation.override(certificate_language(data.language)):
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=22 * mm,
            rightMargin=22 * mm,
            topMargin=30 * mm,
            bottomMargin=20 * mm,
            title=_("Certificate %(code)s") % {"code": data.code},
            author=data.digibank_name,
            lang=certificate_language(data.language),
            pageCompression=1 if compress else 0,
        )
        document.build(_story(data))
    return buffer.getvalue()
