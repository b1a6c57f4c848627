"""The published shapes of the figures: CSV rows and a JSON document, both from the protected
tables only (the data dictionary page describes every field)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpResponse

from digibank.devices.exports import safe_cell
from digibank.insights.figures import Dashboard
from digibank.insights.suppression import THRESHOLD, Cell
from digibank.insights.tables import Table

CSV_HEADER = ["table", "row", "row_label", "column", "column_label", "value"]


def value(cell: Cell) -> int | str:
    """A shown count as a number; a hidden one as its marker ("<10" or "x")."""
    return cell.text if cell.hidden else cell.value


def table_rows(table: Table) -> list[list[Any]]:
    """The long form of a table: one line per cell, totals under the row key "total"."""
    lines = []
    for row in table.rows:
        for (key, label), cell in zip(table.columns, row.cells, strict=True):
            lines.append([table.key, row.key, str(row.label), key, str(label), value(cell)])
        if row.total is not None:
            lines.append([table.key, row.key, str(row.label), "total", "total", value(row.total)])
    for (key, label), cell in zip(table.columns, table.totals or [], strict=False):
        lines.append([table.key, "total", "total", key, str(label), value(cell)])
    if table.grand_total is not None:
        lines.append([table.key, "total", "total", "total", "total", value(table.grand_total)])
    return lines


def headline_rows(board: Dashboard) -> list[list[Any]]:
    h = board.headlines
    lines: list[list[Any]] = [
        ["headlines", "people_reached", "", "count", "", value(h.reached)],
        ["headlines", "devices_handed_over", "", "count", "", value(h.handed_over)],
        ["headlines", "skills_checks", "", "count", "", value(h.checks)],
        ["headlines", "waiting_list", "", "count", "", value(h.waiting)],
    ]
    if h.median_wait_days is not None:
        lines.append(["headlines", "median_wait_days", "", "days", "", h.median_wait_days])
    # The funder's tiers: 1 when the people reached meet the tier, 0 when not yet.
    lines += [
        ["tiers", str(tier.people), "", "reached", "", int(tier.reached)] for tier in board.tiers
    ]
    return lines


def csv_response(lines: list[list[Any]], header: list[str], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for line in lines:
        writer.writerow([safe_cell(item) for item in line])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dashboard_csv(board: Dashboard, filename: str) -> HttpResponse:
    lines = headline_rows(board)
    for table in board.tables:
        lines += table_rows(table)
    return csv_response(lines, CSV_HEADER, filename)


def table_json(table: Table) -> dict[str, Any]:
    return {
        "key": table.key,
        "title": str(table.title),
        "columns": [{"key": key, "label": str(label)} for key, label in table.columns],
        "rows": [
            {
                "key": row.key,
                "label": str(row.label),
                "values": [value(cell) for cell in row.cells],
                "total": value(row.total) if row.total is not None else None,
            }
            for row in table.rows
        ],
        "totals": [value(cell) for cell in table.totals] if table.totals is not None else None,
        "total": value(table.grand_total) if table.grand_total is not None else None,
    }


def dashboard_json(board: Dashboard, scope: dict[str, Any]) -> dict[str, Any]:
    h = board.headlines
    return {
        "scope": scope,
        "period": {
            "key": board.period.key,
            "start": board.period.start.date().isoformat(),
            "end": board.period.end.date().isoformat(),
        },
        "suppression": {"threshold": THRESHOLD, "primary": f"<{THRESHOLD}", "secondary": "x"},
        "headlines": {
            "people_reached": value(h.reached),
            "devices_handed_over": value(h.handed_over),
            "skills_checks": value(h.checks),
            "waiting_list": value(h.waiting),
            "median_wait_days": h.median_wait_days,
        },
        "tiers": [{"people": tier.people, "reached": tier.reached} for tier in board.tiers],
        "tables": [table_json(table) for table in board.tables],
    }
