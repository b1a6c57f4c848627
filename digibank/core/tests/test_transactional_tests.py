"""Every transactional test restores the rows that migrations loaded (serialized rollback).

A transactional test empties every table when it ends. Without `serialized_rollback=True` Django
then re-creates the content types with new ids, and the next test that restores the migrated rows
(the municipalities, the content types) fails with "UNIQUE constraint failed" — a failure that
shows up in someone else's test, depending on how pytest-xdist shares out the tests.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def is_django_db_mark(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and func.attr == "django_db"


def keyword_is_true(node: ast.Call, name: str) -> bool:
    return any(
        kw.arg == name and isinstance(kw.value, ast.Constant) and kw.value.value is True
        for kw in node.keywords
    )


def offenders_in(source: str, name: str) -> list[str]:
    tree = ast.parse(source, filename=name)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and is_django_db_mark(node):
            if keyword_is_true(node, "transaction") and not keyword_is_true(
                node, "serialized_rollback"
            ):
                found.append((node.lineno, "django_db(transaction=True)"))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names = {arg.arg for arg in node.args.args}
            if "transactional_db" in names and "django_db_serialized_rollback" not in names:
                found.append((node.lineno, "fixture transactional_db"))
    return [f"{name}:{line} {what}" for line, what in sorted(found)]


def test_every_transactional_test_uses_a_serialized_rollback():
    files = [
        path
        for folder in (ROOT / "digibank", ROOT / "tests")
        for path in folder.rglob("*.py")
        if "migrations" not in path.parts
    ]
    assert len(files) > 20
    offenders = [
        found
        for path in files
        for found in offenders_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert not offenders, (
        "add serialized_rollback=True (or the django_db_serialized_rollback fixture) to:\n"
        + "\n".join(offenders)
    )


def test_the_check_recognises_a_transactional_test_without_serialized_rollback():
    source = (
        "import pytest\n"
        "@pytest.mark.django_db(transaction=True)\n"
        "def test_a(): pass\n"
        "@pytest.mark.django_db(transaction=True, serialized_rollback=True)\n"
        "def test_b(): pass\n"
        "def test_c(transactional_db): pass\n"
        "def test_d(transactional_db, django_db_serialized_rollback): pass\n"
    )
    assert offenders_in(source, "sample.py") == [
        "sample.py:2 django_db(transaction=True)",
        "sample.py:6 fixture transactional_db",
    ]
