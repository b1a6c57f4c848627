"""The erasure certificate: which drives of a donor's devices were erased, how, when and by whom."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from digibank.devices.models import Device, Donation, Wipe
from digibank.devices.pdfs.layout import (
    build_pdf,
    date_text,
    document_styles,
    issuer_text,
    text_paragraph,
    text_table,
)
from digibank.organisations.models import Digibank


@dataclass
class CertificateLine:
    device: Device
    wipes: list[Wipe]


def certificate_lines(
    devices: Iterable[Device], *, first_cycle_only: bool
) -> list[CertificateLine]:
    """Each device with its verified wipes (for a donor: those that erased the donor's data)."""
    lines = []
    for device in devices:
        wipes = sorted(
            (wipe for wipe in device.wipes.all() if wipe.result == "passed"),
            key=lambda wipe: (wipe.cycle, wipe.ended_at),
        )
        if first_cycle_only:
            first: dict[int, Wipe] = {}
            for wipe in wipes:
                first.setdefault(wipe.medium_id, wipe)
            wipes = list(first.values())
        lines.append(CertificateLine(device, wipes))
    return lines


def erasure_certificate(
    *,
    digibank: Digibank,
    devices: Sequence[Device],
    donation: Donation | None = None,
    compress: bool = True,
) -> bytes:
    """The certificate a donor receives: which drives were erased, how, when, by whom."""
    styles = document_styles()
    today = timezone.localdate()
    subject = donation.reference if donation else (devices[0].asset_tag if devices else "")
    number = f"{subject}-{today:%Y%m%d}"
    title = _("Certificate of data erasure")
    lines = certificate_lines(devices, first_cycle_only=donation is not None)
    story: list = [
        text_paragraph(title, styles["title"], bold=True),
        text_paragraph(_("Certificate number: %(number)s") % {"number": number}, styles["body"]),
        text_paragraph(
            _("Issued on %(date)s by %(issuer)s")
            % {
                "date": date_text(today),
                "issuer": issuer_text(digibank),
            },
            styles["body"],
        ),
    ]
    if donation is not None:
        story.append(
            text_paragraph(
                _("Donor: %(donor)s (donation %(reference)s, received on %(date)s)")
                % {
                    "donor": donation.donor_display,
                    "reference": donation.reference,
                    "date": date_text(donation.received_on) or "–",
                },
                styles["body"],
            )
        )
    story += [
        Spacer(1, 3 * mm),
        text_paragraph(
            _(
                "We declare that the data on the storage media listed below was sanitised "
                "following NIST Special Publication 800-88 Revision 1, Guidelines for Media "
                "Sanitization, with the method shown, and that the result was verified. Clear "
                "overwrites all user data; Purge uses the drive's secure erase or cryptographic "
                "erase; Destroy makes the medium unusable (shredding, disintegration)."
            ),
            styles["body"],
        ),
        text_paragraph(_("Erased storage media"), styles["heading"], bold=True),
    ]
    header = [
        _("Asset tag"),
        _("Device and serial number"),
        _("Storage medium"),
        _("Method"),
        _("Tool"),
        _("Operator"),
        _("Date"),
        _("Verification"),
    ]
    rows = [header]
    pending: list[Device] = []
    without_storage: list[Device] = []
    for line in lines:
        device = line.device
        if not line.wipes:
            (pending if device.carries_storage else without_storage).append(device)
            continue
        for wipe in line.wipes:
            medium = wipe.medium
            rows.append(
                [
                    device.asset_tag,
                    f"{device.title} · {device.serial or _('no serial number')}",
                    " ".join(
                        part
                        for part in (
                            str(medium.get_kind_display()),
                            f"{medium.capacity_gb} GB" if medium.capacity_gb else "",
                            medium.serial and f"S/N {medium.serial}",
                        )
                        if part
                    ),
                    str(wipe.get_method_display()).split(" (")[0],
                    wipe.tool,
                    wipe.operator.get_full_name() or wipe.operator.username,
                    date_text(wipe.ended_at),
                    f"{wipe.get_result_display()} {wipe.verification_note}".strip(),
                ]
            )
    if len(rows) > 1:
        widths = [18, 36, 28, 16, 24, 24, 18, 16]
        story.append(text_table(rows, [width * mm for width in widths], styles))
    else:
        story.append(text_paragraph(_("No storage medium has been erased yet."), styles["body"]))
    if without_storage:
        story += [
            text_paragraph(
                _("Devices without storage (nothing to erase)"), styles["heading"], bold=True
            ),
            text_paragraph(
                ", ".join(f"{d.asset_tag} ({d.get_kind_display()})" for d in without_storage),
                styles["body"],
            ),
        ]
    if pending:
        story += [
            text_paragraph(_("Not erased yet"), styles["heading"], bold=True),
            text_paragraph(
                _(
                    "These devices are still waiting for their erasure; ask for a new "
                    "certificate later: %(devices)s"
                )
                % {"devices": ", ".join(f"{d.asset_tag} ({d.serial or '–'})" for d in pending)},
                styles["body"],
            ),
        ]
    story += [
        Spacer(1, 10 * mm),
        text_paragraph(_("Signed for %(digibank)s:") % {"digibank": digibank.name}, styles["body"]),
        Spacer(1, 14 * mm),
        text_paragraph(_("Name, date and signature"), styles["small"]),
    ]
    return build_pdf(story, title=title, footer=f"{title} {number}", compress=compress)
