"""PDF documents of the device bank: label sheets with QR codes, erasure certificates, reports.

One module per document (`labels`, `certificates`, `reports`); `layout` holds the fonts, styles,
paragraphs and tables they share.
"""

from digibank.devices.pdfs.certificates import (
    CertificateLine,
    certificate_lines,
    erasure_certificate,
)
from digibank.devices.pdfs.labels import device_url, label_sheet
from digibank.devices.pdfs.layout import font_for
from digibank.devices.pdfs.reports import donor_report

__all__ = [
    "CertificateLine",
    "certificate_lines",
    "device_url",
    "donor_report",
    "erasure_certificate",
    "font_for",
    "label_sheet",
]
