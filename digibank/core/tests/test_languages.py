"""Dutch by default, French and English too: every string of the code is translated."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

import digibank.settings as production_settings

BASE_DIR = Path(settings.BASE_DIR)
TRANSLATED = ["nl", "fr"]


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr list, flags (header skipped)."""
    entries: list[dict] = []
    entry: dict = {"flags": set(), "msgstr": {}}
    key: tuple[str, int] | str | None = None

    def flush() -> None:
        nonlocal entry
        if "msgid" in entry and entry["msgid"] != "":
            entries.append(entry)
        entry = {"flags": set(), "msgstr": {}}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            key = "msgid_plural"
            entry[key] = ast.literal_eval(line[len("msgid_plural ") :])
        elif line.startswith("msgid "):
            key = "msgid"
            entry[key] = ast.literal_eval(line[len("msgid ") :])
        elif line.startswith("msgstr["):
            index = int(line[len("msgstr[") : line.index("]")])
            key = ("msgstr", index)
            entry["msgstr"][index] = ast.literal_eval(line[line.index("]") + 2 :])
        elif line.startswith("msgstr "):
            key = ("msgstr", 0)
            entry["msgstr"][0] = ast.literal_eval(line[len("msgstr ") :])
        elif line.startswith('"') and key is not None:
            if isinstance(key, tuple):
                entry["msgstr"][key[1]] += ast.literal_eval(line)
            else:
                entry[key] += ast.literal_eval(line)
    flush()
    return entries


def untranslated(entries: list[dict]) -> list[str]:
    return [
        entry["msgid"]
        for entry in entries
        if "fuzzy" in entry["flags"] or not all(entry["msgstr"].values()) or not entry["msgstr"]
    ]


def test_dutch_is_the_default_language():
    assert production_settings.LANGUAGE_CODE == "nl"
    assert [code for code, _ in production_settings.LANGUAGES] == ["nl", "fr", "en"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_in_the_catalogue_is_translated(language):
    entries = parse_po(BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po")
    assert len(entries) > 100
    assert untranslated(entries) == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is installed by make")
def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """Extract the strings again from a copy of the code: nothing may be new or untranslated."""
    for name in ("digibank", "locale"):
        shutil.copytree(
            BASE_DIR / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
        )
    shutil.copy(BASE_DIR / "manage.py", tmp_path / "manage.py")
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "digibank.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "-l", "fr", "--no-obsolete"],
        cwd=tmp_path,
        env={**env, "VAR_DIR": str(tmp_path / "var")},
        check=True,
        capture_output=True,
    )
    for language in TRANSLATED:
        entries = parse_po(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po")
        missing = untranslated(entries)
        assert missing == [], f"{language}: strings without a translation: {missing}"


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="nl")
def test_the_home_page_speaks_dutch_without_being_asked(client):
    page = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="nl">' in page
    assert "Help with computers" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "lang_attribute"), [("fr", "fr"), ("en", "en"), ("nl", "nl")])
def test_the_language_switch_changes_the_language_and_returns_to_the_page(
    client, language, lang_attribute
):
    response = client.post(
        reverse("set_language"), {"language": language, "next": reverse("portal:privacy")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:privacy")
    page = client.get(reverse("portal:privacy")).content.decode()
    assert f'<html lang="{lang_attribute}">' in page
    if language == "fr":
        assert "Vie privée" in page
