"""The tables of the PDFs (the donor's erasure certificate above all) never split a word."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from digibank.devices.pdfs.layout import (
    CELL_PADDING,
    document_styles,
    fitted_widths,
    font_for,
    text_table,
)

# The certificate's header in each language, with a row of typical values.
HEADER = [
    "Asset tag",
    "Device and serial number",
    "Storage medium",
    "Method",
    "Tool",
    "Operator",
    "Date",
    "Verification",
]
ROW = [
    "MEC-0001",
    "Laptop Lenovo ThinkPad T480 · PF1ABCDE",
    "SSD 256 GB S/N S3Z9NB0K123456",
    "Purge",
    "nwipe 0.35",
    "Technicus Tester",
    "3 december 2026, 14:05",
    "passed",
]
CERTIFICATE_WIDTHS = [18, 36, 28, 16, 24, 24, 18, 16]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_no_word_of_the_certificate_table_is_split(language):
    styles = document_styles()
    with translation.override(language):
        header = [_(title) for title in HEADER]
    table = text_table([header, ROW], [w * mm for w in CERTIFICATE_WIDTHS], styles)
    size = styles["cell"].fontSize
    for column, width in enumerate(table._colWidths):
        for index, row in enumerate([header, ROW]):
            text = row[column]
            for word in text.split():
                needed = pdfmetrics.stringWidth(word, font_for(text, bold=index == 0), size)
                assert needed + CELL_PADDING <= width, f"{word!r} is split in {language}"
    assert sum(table._colWidths) == pytest.approx(sum(CERTIFICATE_WIDTHS) * mm)


@pytest.mark.parametrize(
    ("wanted", "needed", "fitted"),
    [
        ([10, 10, 10], [5, 5, 5], [10, 10, 10]),  # everything fits: as wanted
        ([10, 10, 10], [16, 5, 5], [16, 7, 7]),  # one column takes room from the others
        ([10, 20, 10], [12, 5, 12], [12, 16, 12]),
        ([10, 10], [15, 15], [10, 10]),  # too little room: shared as the words ask
    ],
)
def test_fitted_widths_give_each_column_its_longest_word(wanted, needed, fitted):
    assert fitted_widths(wanted, needed) == pytest.approx(fitted)
