"""No code changes a state or status field by hand: every move goes through a `StateMachine`.

The machine locks the row, checks the move against the model's table and the actor's permission,
and writes the history row. A plain assignment or `update(status=...)` would skip all of that, so
this test reads the source and fails on one (tests and migrations excepted).
"""

from __future__ import annotations

import re
from pathlib import Path

import digibank

PACKAGE = Path(digibank.__file__).parent
# `obj.status = ...`, `obj.state = ...`, and updates or bulk updates that name those fields. An
# object setting its own attribute (`self.status = 404` on an error) is not a stored state.
HAND_WRITES = re.compile(
    r"(?<!self)\.(status|state)\s*=[^=]"
    r"|\.update\([^)]*\b(status|state)\s*="
    r"|bulk_update\([^)]*[\"'](status|state)[\"']"
)
ALLOWED = {PACKAGE / "core" / "states.py"}


def _source_files() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts and path not in ALLOWED
    ]


def test_it_finds_a_hand_written_status_change():
    assert HAND_WRITES.search("    request.status = RequestStatus.CANCELLED")
    assert HAND_WRITES.search("Message.objects.filter(pk=1).update(status='failed')")
    assert HAND_WRITES.search("Message.objects.filter(pk=1).update(\n    status='failed',\n)")
    assert HAND_WRITES.search('Loan.objects.bulk_update(loans, ["status"])')
    assert not HAND_WRITES.search("if request.status == RequestStatus.CANCELLED:")
    assert not HAND_WRITES.search("        self.status = status")


def test_no_code_outside_the_state_machines_writes_a_status_or_state():
    found = []
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        for match in HAND_WRITES.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(PACKAGE.parent)}:{line}")
    assert found == []
