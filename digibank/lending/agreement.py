"""The loan agreement PDF, in plain language and in the resident's language (Dutch, French or
English), built on the digibank's lending regulation in the version the loan was signed under.

The same document is printed before the hand-over (from the terms typed on the hand-over page, to
be signed) and afterwards from the loan itself.
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
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from digibank.core.pdf import fonts
from digibank.core.phones import phone_text
from digibank.devices.models import Device, DeviceKind
from digibank.lending.models import (
    Allocation,
    DeviceRequest,
    LendingRegulation,
    Loan,
    LoanCondition,
    LoanKind,
)
from digibank.organisations.models import Hub
from digibank.people.models import Person


@dataclass
class AgreementData:
    """Everything the agreement says, whether the loan exists yet or not."""

    reference: str
    digibank_name: str
    digibank_phone: str
    digibank_email: str
    person: Person
    device: Device
    hub_name: str
    hub_address: str
    kind: str
    due_date: datetime.date | None
    conditions: list[str]
    other_conditions: str
    regulation: LendingRegulation
    language: str
    handed_over_on: datetime.date | None = None
    staff_name: str = ""
    accessories: list[str] = field(default_factory=list)


def _hub_address(hub: Hub) -> str:
    return f"{hub.street}, {hub.postcode} {hub.municipality.name}"


def _person(person: Person | None) -> Person:
    # An erased person's agreement is never printed: it would bring their name back. The pages
    # answer 404 before getting here.
    if person is None:
        raise ValueError("The person of this agreement was erased.")
    return person


def data_for_loan(loan: Loan) -> AgreementData:
    digibank = loan.digibank
    staff = loan.handed_over_by
    return AgreementData(
        reference=loan.request.reference_display,
        digibank_name=digibank.name,
        digibank_phone=phone_text(digibank.phone),
        digibank_email=digibank.email,
        person=_person(loan.person),
        device=loan.device,
        hub_name=loan.hub.name,
        hub_address=_hub_address(loan.hub),
        kind=loan.kind,
        due_date=loan.due_date,
        conditions=list(loan.conditions),
        other_conditions=loan.other_conditions,
        regulation=loan.regulation,
        language=loan.agreement_language,
        handed_over_on=loan.handed_over_at.date(),
        staff_name=staff.get_full_name() if staff else "",
        accessories=loan.device.get_accessories_display(),
    )


def data_for_draft(
    *,
    request: DeviceRequest,
    allocation: Allocation,
    regulation: LendingRegulation,
    terms: dict,
    language: str,
) -> AgreementData:
    digibank = request.digibank
    return AgreementData(
        reference=request.reference_display,
        digibank_name=digibank.name,
        digibank_phone=phone_text(digibank.phone),
        digibank_email=digibank.email,
        person=_person(request.person),
        device=allocation.device,
        hub_name=allocation.hub.name,
        hub_address=_hub_address(allocation.hub),
        kind=terms["kind"],
        due_date=terms["due_date"],
        conditions=list(terms["conditions"]),
        other_conditions=terms["other_conditions"],
        regulation=regulation,
        language=language,
        accessories=allocation.device.get_accessories_display(),
    )


# Type sizes in points: 12 for the text (readable on paper, also the regulation), and 16 for a
# person who asked for large print (`Person.large_print`), as large-print guidelines advise.
TEXT_SIZE = 12
LARGE_TEXT_SIZE = 16


def _styles(*, large: bool = False) -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    size = LARGE_TEXT_SIZE if large else TEXT_SIZE
    body = ParagraphStyle(
        "body", fontName=regular, fontSize=size, leading=size * 1.4, spaceAfter=size / 2
    )
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=bold, fontSize=size * 1.6, leading=size * 2
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=bold,
            fontSize=size * 1.2,
            leading=size * 1.6,
            spaceBefore=size * 0.7,
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=size - 1, leading=(size - 1) * 1.4),
        "regulation": ParagraphStyle("regulation", parent=body),
    }


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _text(value: str) -> str:
    return escape(value)


def _story(data: AgreementData) -> list:
    styles = _styles(large=data.person.large_print)
    body, heading = styles["body"], styles["heading"]
    device = data.device
    gift = data.kind == LoanKind.GIFT
    person = data.person.full_name
    story: list = [
        Paragraph(
            _text(_("Agreement: a device as a gift") if gift else _("Loan agreement for a device")),
            styles["title"],
        ),
        Paragraph(
            _text(
                _("Between %(digibank)s and %(person)s.")
                % {"digibank": data.digibank_name, "person": person}
            ),
            body,
        ),
        Paragraph(
            _text(_("Reference of the request: %(reference)s") % {"reference": data.reference}),
            styles["small"],
        ),
        Paragraph(_text(_("The device")), heading),
    ]
    rows = [
        (_("Device"), str(DeviceKind(device.kind).label)),
        (_("Brand and model"), " ".join(part for part in (device.brand, device.model) if part)),
        (_("Asset tag"), device.asset_tag),
        (_("Serial number"), device.serial or _("none")),
    ]
    if data.accessories:
        rows.append((_("Comes with"), ", ".join(data.accessories)))
    story.append(
        Table(
            [
                [Paragraph(_text(str(label)), body), Paragraph(_text(str(value)), body)]
                for label, value in rows
            ],
            colWidths=[45 * mm, 120 * mm],
            hAlign="LEFT",
        )
    )
    if gift:
        story += [
            Paragraph(_text(_("The device is yours")), heading),
            Paragraph(
                _text(
                    _(
                        "%(digibank)s gives you this device. It is yours now: you do not have to "
                        "bring it back."
                    )
                    % {"digibank": data.digibank_name}
                ),
                body,
            ),
        ]
    else:
        due = _date(data.due_date) if data.due_date else "-"
        story += [
            Paragraph(_text(_("How long you may keep it")), heading),
            Paragraph(
                _text(
                    _(
                        "You borrow this device until %(date)s. Bring it back by then to "
                        "%(hub)s, %(address)s, with the charger and everything you got with it."
                    )
                    % {"date": due, "hub": data.hub_name, "address": data.hub_address}
                ),
                body,
            ),
            Paragraph(
                _text(
                    _(
                        "Do you need it for longer? Ask us before that date. We look for a "
                        "solution together."
                    )
                ),
                body,
            ),
        ]
        labels = dict(LoanCondition.choices)
        conditions = [str(labels.get(code, code)) for code in data.conditions]
        if data.other_conditions:
            conditions.append(data.other_conditions)
        if conditions:
            story.append(Paragraph(_text(_("Conditions")), heading))
            story.append(Paragraph(_text(_("During the loan, we ask you to:")), body))
            story += [Paragraph("• " + _text(condition), body) for condition in conditions]
            story.append(
                Paragraph(
                    _text(
                        _("When you have done this, the device can become yours. Ask us about it.")
                    ),
                    body,
                )
            )
    contact = " / ".join(part for part in (data.digibank_phone, data.digibank_email) if part)
    story += [
        Paragraph(_text(_("If the device breaks or is lost")), heading),
        Paragraph(
            _text(
                _(
                    "Tell us as soon as possible%(contact)s. Do not open the device yourself "
                    "and do not take it to a shop: we repair it for free if we can."
                )
                % {"contact": f": {contact}" if contact else ""}
            ),
            body,
        ),
        Paragraph(
            _text(
                _(
                    "If the device is stolen, report it to the police and tell us. If you lose "
                    "it, tell us too. You do not pay for normal wear."
                )
            ),
            body,
        ),
        Paragraph(
            _text(
                _(
                    "Your files are yours: save them elsewhere. When the device comes back, we "
                    "erase everything on it."
                )
            ),
            body,
        ),
        Paragraph(
            _text(
                _("The lending regulation of %(digibank)s (version %(version)d)")
                % {"digibank": data.digibank_name, "version": data.regulation.version}
            ),
            heading,
        ),
    ]
    for block in data.regulation.text_in(data.language).split("\n\n"):
        if block.strip():
            story.append(Paragraph(_text(" ".join(block.split())), styles["regulation"]))
    signed_on = _date(data.handed_over_on) if data.handed_over_on else ""
    line = "_" * round(30 * TEXT_SIZE / body.fontSize)  # the signature line fits its column
    signatures = Table(
        [
            [
                Paragraph(_text(_("Signature of the resident")), heading),
                Paragraph(_text(_("Signature for the digibank")), heading),
            ],
            [
                Paragraph(_text(_("Name: %(name)s") % {"name": person}), body),
                Paragraph(_text(_("Name: %(name)s") % {"name": data.staff_name}), body),
            ],
            [
                Paragraph(_text(_("Date: %(date)s") % {"date": signed_on}), body),
                Paragraph(_text(_("Date: %(date)s") % {"date": signed_on}), body),
            ],
            [Spacer(1, 22 * mm), Spacer(1, 22 * mm)],
            [Paragraph(line, body), Paragraph(line, body)],
        ],
        colWidths=[82 * mm, 82 * mm],
        hAlign="LEFT",
    )
    story += [
        Spacer(1, 6 * mm),
        Paragraph(
            _text(
                _(
                    "By signing, you say you received the device and agree with this agreement "
                    "and the lending regulation."
                )
            ),
            body,
        ),
        KeepTogether([signatures]),
    ]
    return story


def agreement_pdf(data: AgreementData, *, compress: bool = True) -> bytes:
    """The agreement as a PDF, in `data.language`."""
    buffer = BytesIO()
    with translation.override(data.language):
        title = _("Loan agreement %(reference)s") % {"reference": data.reference}
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
            title=title,
            author=data.digibank_name,
            lang=data.language,
            pageCompression=1 if compress else 0,
        )
        regular, _bold = fonts()
        footer = _("%(digibank)s · request %(reference)s · regulation version %(version)d") % {
            "digibank": data.digibank_name,
            "reference": data.reference,
            "version": data.regulation.version,
        }

        def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
            canvas.saveState()
            canvas.setFont(regular, 8)
            canvas.drawString(
                20 * mm,
                10 * mm,
                f"{footer} · {canvas.getPageNumber()}",
            )
            canvas.restoreState()

        document.build(_story(data), onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
