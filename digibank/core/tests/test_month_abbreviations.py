"""Short month names as each language writes them: "3 dec 2026", "3 déc. 2026", never "3 Dec".

Django's "M" date format capitalises the abbreviation in every language; "N" takes it from the
language's own catalogue ("dec", "déc.", "Dec."). Templates use "N".
"""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

import digibank

# The format of each `date:"..."` filter; a named format ("SHORT_DATE_FORMAT") is left alone.
_DATE_FORMAT = re.compile(r'date:"([^"]*)"')
_NAMED_FORMAT = re.compile(r"[A-Z_]+")


def _title_cased_month(text: str) -> bool:
    """A format with an unescaped M (Django: "Jan", title-cased in every language)."""
    return any(
        not _NAMED_FORMAT.fullmatch(form) and re.search(r"(?<!\\)M", form)
        for form in _DATE_FORMAT.findall(text)
    )


def test_no_template_uses_the_title_cased_month_abbreviation():
    root = Path(digibank.__file__).parent
    found = [
        str(path.relative_to(root))
        for pattern in ("*.html", "*.txt")
        for path in root.rglob(pattern)
        if _title_cased_month(path.read_text(encoding="utf-8"))
    ]
    assert not found, f'use date:"j N Y" instead of "j M Y" in {found}'


@pytest.mark.parametrize(
    ("language", "month", "shown"),
    [("nl", 12, "3 dec 2026"), ("fr", 12, "3 déc. 2026"), ("nl", 3, "3 mrt 2026")],
)
def test_the_short_month_follows_the_language(language, month, shown):
    with translation.override(language):
        text = Template('{{ day|date:"j N Y" }}').render(
            Context({"day": datetime.date(2026, month, 3)})
        )
    assert text == shown
