"""Hostile values, how to get them saved through a form, and how to read them back out of pages,
PDFs and exports. Used by `test_hostile_input.py`.

A text field first gets a value that is both a formula and markup
(`=HYPERLINK(...)<script>alert(1)</script>`). When the form refuses it, the field steps down a
ladder: the markup alone, the formula alone, then a plain valid value for its kind (an e-mail
address, a phone number, a postcode...), so that the other fields' payloads can still be saved.
A select, radio or checkbox group the form says is missing gets its first real choice.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.crawler import Field, Form

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
# What must never reach a page as markup: the tags themselves, not their escaped text.
MARKUP = (SCRIPT, "<img src=x onerror=alert(1)>")
FORMULAS = ('=HYPERLINK("https://evil.example","x")', "+cmd", "-1+1", "@SUM(1)")
COMBINED = tuple(
    formula + markup
    for formula, markup in zip(FORMULAS, (SCRIPT, IMAGE, SCRIPT, IMAGE), strict=True)
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")

TODAY = datetime.date.today()
PLAIN_BY_TYPE = {
    "email": "hostile@example.org",
    "tel": "0470 12 34 56",
    "number": "1",
    "date": (TODAY + datetime.timedelta(days=30)).isoformat(),
    "time": "09:00",
    "url": "https://example.org",
}
PLAIN_BY_NAME = (
    ("postcode", "2800"),
    ("phone", "0470 12 34 56"),
    ("email", "hostile@example.org"),
    ("year", "1980"),
    ("website", "https://example.org"),
    ("opens", "09:00"),
    ("closes", "17:00"),
    ("date", (TODAY + datetime.timedelta(days=30)).isoformat()),
    ("_on", (TODAY + datetime.timedelta(days=30)).isoformat()),
    ("latitude", "51.02"),
    ("longitude", "4.48"),
    ("size", "2"),
    ("count", "1"),
    ("_gb", "8"),
    ("inch", "14"),
    ("health", "80"),
    ("nis", "12025"),
)
HOSTILE_STEPS = 4
ERROR_ID = re.compile(r'id="([^"]+)_error"')


def ladder(field: Field, index: int) -> list[str]:
    """The values a text field tries, most hostile first, ending with a plain valid one."""
    combined = COMBINED[index % len(COMBINED)]
    formula = FORMULAS[index % len(FORMULAS)]
    lowered = field.name.lower()
    plain = next(
        (value for part, value in PLAIN_BY_NAME if part in lowered),
        PLAIN_BY_TYPE.get(field.type, "Gewoon"),
    )
    # The first HOSTILE_STEPS are hostile; then a plain value, then what the page showed (often
    # empty, which an optional field takes).
    return [combined, SCRIPT, IMAGE, formula + " x", plain, field.value]


@dataclass
class Submission:
    """One form filled with hostile values until it is saved or no step is left."""

    form: Form
    url_name: str
    saved: bool = False
    hostile_fields: list[str] = field(default_factory=list)  # saved with a hostile value
    problems: list[str] = field(default_factory=list)
    answers: int = 0
    refused: list[str] = field(default_factory=list)  # the fields still refused at the end
    status: int = 0


def _fields_named(form: Form, element_id: str) -> list[Field]:
    return [
        f
        for f in form.fields
        if f.name and (f.element_id == element_id or f.element_id.startswith(element_id + "_"))
    ]


def submit_hostile(client: Client, form: Form, url_name: str, rounds: int = 10) -> Submission:
    """Post `form` with hostile values, stepping refused fields down their ladder."""
    result = Submission(form=form, url_name=url_name)
    text_fields = [f for f in form.text_fields if f.type != "password" and f.name]
    steps = {f.name: 0 for f in text_fields}
    ladders = {f.name: ladder(f, i) for i, f in enumerate(text_fields)}
    data = form.data()
    for _round in range(rounds):
        for name, step in steps.items():
            data[name] = [ladders[name][step]]
        response = client.post(form.action_path, data)
        result.answers += 1
        result.status = response.status_code
        body = response.content.decode(errors="replace")
        where = f"POST {form.action_path} (form on {form.page_url})"
        if response.status_code >= 500:
            result.problems.append(f"{where}: answered {response.status_code}")
            return result
        result.problems += [f"{where}: {tag} unescaped in the answer" for tag in unescaped(body)]
        if response.status_code in {301, 302, 303}:
            result.saved = True
            result.hostile_fields = [n for n, s in steps.items() if s < HOSTILE_STEPS]
            return result
        if response.status_code != 200:
            return result
        refused = ERROR_ID.findall(body)
        result.refused = refused
        if not refused:
            # Shown again without an error: saved and answered in place (a new token's key).
            result.saved = "error-summary" not in body
            result.hostile_fields = [n for n, s in steps.items() if s < HOSTILE_STEPS]
            return result
        moved = False
        for element_id in refused:
            for control in _fields_named(form, element_id):
                if control.name in steps and steps[control.name] < len(ladders[control.name]) - 1:
                    steps[control.name] += 1
                    moved = True
                elif control.name not in steps and _choose(control, form, data):
                    moved = True
        if not moved:
            return result
    return result


def _choose(control: Field, form: Form, data: dict[str, list[str]]) -> bool:
    """Give a refused select, radio or checkbox group its first real choice; False if it has
    one already or none to give."""
    if control.tag == "select":
        choices = [value for value, _selected in control.options if value]
        if choices and data.get(control.name) != [choices[0]]:
            data[control.name] = [choices[0]]
            return True
        return False
    if control.type == "radio" and control.name not in data:
        first = next(f for f in form.fields if f.name == control.name)
        data[control.name] = [first.value or "on"]
        return True
    if control.type == "checkbox":  # a group that must be ticked: tick every box
        every = [f.value or "on" for f in form.fields if f.name == control.name]
        if data.get(control.name) != every:
            data[control.name] = every
            return True
    return False


def unescaped(body: str) -> list[str]:
    return [tag for tag in MARKUP if tag in body]


def pdf_problems(where: str, content: bytes) -> tuple[list[str], bool]:
    """A PDF shows a hostile value as the text typed: its markup was escaped, not interpreted by
    the PDF library (reportlab's paragraphs read tags such as <img src=...>). Also says whether a
    hostile value was in it."""
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    text = re.sub(r"\s+", "", text)
    seen = "alert(1)" in text
    if seen and not any(re.sub(r"\s+", "", tag) in text for tag in MARKUP):
        return [f"{where}: a hostile value lost its markup in the PDF (interpreted as tags)"], seen
    return [], seen


def formula_cells(where: str, cells: list[object]) -> tuple[list[str], int]:
    """Cells that a spreadsheet would run as a formula, and how many hostile values were seen."""
    problems = []
    seen = 0
    for value in cells:
        if not isinstance(value, str):
            continue
        if "alert(1)" in value or any(formula in value for formula in FORMULAS):
            seen += 1
        if value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.match(value):
            problems.append(f"{where}: the cell {value[:40]!r} would run as a formula")
    return problems, seen


def csv_cells(content: bytes) -> list[object]:
    text = content.decode("utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def xlsx_cells(content: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        ]
    finally:
        book.close()
