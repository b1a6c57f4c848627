"""What every PDF document of the apps shares: the fonts.

DejaVu Sans prints names in Latin, Greek and Cyrillic letters (and shows Arabic letters); when it
is not installed, the built-in Helvetica prints the Latin ones.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@cache
def fonts() -> tuple[str, str]:
    """The names of the regular and the bold font, registered with reportlab once per process."""
    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdfmetrics.registerFont(TTFont("DigibankSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DigibankSans-Bold", str(bold)))
        return "DigibankSans", "DigibankSans-Bold"
    return "Helvetica", "Helvetica-Bold"
