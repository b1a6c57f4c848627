"""settings.py reads typed environment variables and refuses to start on a bad value, naming it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from digibank.settings import env_bool, env_choice, env_int, env_list

ROOT = Path(__file__).resolve().parents[3]
GOOD_KEY = "k" * 50


def start(
    tmp_path: Path, code: str = "import digibank.settings", **variables: str | None
) -> subprocess.CompletedProcess[str]:
    """Import the real settings in a fresh Python with only the given environment."""
    given: dict[str, str | None] = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": GOOD_KEY,
    }
    given.update(variables)  # None removes a variable
    env = {name: value for name, value in given.items() if value is not None}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


REFUSALS = {
    "debug-not-a-boolean": ({"DEBUG": "maybe"}, ["DEBUG", "'maybe'"]),
    "email-port-not-a-number": ({"EMAIL_PORT": "abc"}, ["EMAIL_PORT", "whole number"]),
    "email-port-out-of-range": ({"EMAIL_PORT": "70000"}, ["EMAIL_PORT", "65535"]),
    "mysql-database": ({"DATABASE_URL": "mysql://x"}, ["DATABASE_URL"]),
    "unknown-database-scheme": ({"DATABASE_URL": "nosuchdb://x"}, ["DATABASE_URL"]),
    "no-secret-key-in-production": ({"SECRET_KEY": ""}, ["SECRET_KEY"]),
    "short-secret-key": ({"SECRET_KEY": "too-short"}, ["SECRET_KEY", "32"]),
    "unreadable-secret-key-file": (
        {"SECRET_KEY": "", "SECRET_KEY_FILE": "/nonexistent/secret"},
        ["SECRET_KEY_FILE"],
    ),
    "sms-over-plain-http": (
        {"SMS_BACKEND": "http", "SMS_HTTP_URL": "http://sms.example/send"},
        ["SMS_BACKEND", "SMS_HTTP_URL", "https://"],
    ),
    "sms-http-without-url": ({"SMS_BACKEND": "http"}, ["SMS_HTTP_URL"]),
    "unknown-sms-backend": ({"SMS_BACKEND": "pigeon"}, ["SMS_BACKEND", "'pigeon'"]),
    "unknown-email-backend": ({"EMAIL_BACKEND": "fax"}, ["EMAIL_BACKEND"]),
    "tls-and-ssl": ({"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"}, ["EMAIL_USE_TLS"]),
    "site-url-without-scheme": ({"SITE_URL": "digibank.example"}, ["SITE_URL"]),
    "unknown-log-level": ({"LOG_LEVEL": "LOUD"}, ["LOG_LEVEL"]),
    "session-age-too-short": ({"SESSION_COOKIE_AGE": "10"}, ["SESSION_COOKIE_AGE"]),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_it_refuses_to_start_with_a_bad_value_and_names_it(case: str, tmp_path: Path):
    variables, named = REFUSALS[case]
    result = start(tmp_path, **variables)
    assert result.returncode != 0, f"started despite {variables}"
    assert "ImproperlyConfigured" in result.stderr
    message = result.stderr.strip().splitlines()[-1]
    for word in named:
        assert word in message, f"{word!r} is not named in: {message}"


def test_it_starts_with_a_good_production_configuration(tmp_path: Path):
    key_file = tmp_path / "secret"
    key_file.write_text(GOOD_KEY + "\n")
    code = (
        "from digibank import settings as s; "
        "print(s.DEBUG, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.SECRET_KEY == 'k' * 50, "
        "s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS, s.SMS_BACKEND, s.SESSION_COOKIE_SECURE)"
    )
    result = start(
        tmp_path,
        code,
        SECRET_KEY="",
        SECRET_KEY_FILE=str(key_file),
        DEBUG="off",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="yes",
        DATABASE_URL="postgres://digibank@db.example:5432/digibank",
        ALLOWED_HOSTS="digibank.example, www.digibank.example",
        SITE_URL="https://digibank.example",
        SMS_BACKEND="http",
        SMS_HTTP_URL="https://sms.example/send",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "587",
        "True",
        "True",
        "django.db.backends.postgresql",
        "['digibank.example',",
        "'www.digibank.example']",
        "http",
        "True",
    ]


def test_it_starts_for_development_without_a_secret_key(tmp_path: Path):
    code = "from digibank import settings as s; print(s.DEBUG, len(s.SECRET_KEY) >= 32)"
    result = start(tmp_path, code, SECRET_KEY="", DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    spellings = {"1": True, "TRUE": True, " yes ": True, "on": True}
    spellings |= {"0": False, "False": False, "no": False, "off": False}
    for raw, expected in spellings.items():
        monkeypatch.setenv("DIGIBANK_TEST_FLAG", raw)
        assert env_bool("DIGIBANK_TEST_FLAG") is expected, raw
    monkeypatch.setenv("DIGIBANK_TEST_FLAG", "")
    assert env_bool("DIGIBANK_TEST_FLAG", True) is True
    monkeypatch.delenv("DIGIBANK_TEST_FLAG")
    assert env_bool("DIGIBANK_TEST_FLAG") is False
    monkeypatch.setenv("DIGIBANK_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DIGIBANK_TEST_FLAG"):
        env_bool("DIGIBANK_TEST_FLAG")


def test_env_int_checks_the_number_and_its_range(monkeypatch):
    monkeypatch.delenv("DIGIBANK_TEST_INT", raising=False)
    assert env_int("DIGIBANK_TEST_INT", 7) == 7
    monkeypatch.setenv("DIGIBANK_TEST_INT", "42")
    assert env_int("DIGIBANK_TEST_INT", 7, minimum=1, maximum=100) == 42
    for raw in ["4.2", "forty", "1e3"]:
        monkeypatch.setenv("DIGIBANK_TEST_INT", raw)
        with pytest.raises(ImproperlyConfigured, match="DIGIBANK_TEST_INT must be a whole"):
            env_int("DIGIBANK_TEST_INT", 7)
    monkeypatch.setenv("DIGIBANK_TEST_INT", "0")
    with pytest.raises(ImproperlyConfigured, match="between 1 and 100"):
        env_int("DIGIBANK_TEST_INT", 7, minimum=1, maximum=100)


def test_env_list_and_env_choice(monkeypatch):
    monkeypatch.setenv("DIGIBANK_TEST_LIST", " a.example , ,b.example,")
    assert env_list("DIGIBANK_TEST_LIST", ["x"]) == ["a.example", "b.example"]
    monkeypatch.setenv("DIGIBANK_TEST_LIST", "  ")
    assert env_list("DIGIBANK_TEST_LIST", ["x"]) == ["x"]
    monkeypatch.setenv("DIGIBANK_TEST_CHOICE", "b")
    assert env_choice("DIGIBANK_TEST_CHOICE", "a", {"a", "b"}) == "b"
    monkeypatch.setenv("DIGIBANK_TEST_CHOICE", "")
    assert env_choice("DIGIBANK_TEST_CHOICE", "a", {"a", "b"}) == "a"
    monkeypatch.setenv("DIGIBANK_TEST_CHOICE", "c")
    with pytest.raises(ImproperlyConfigured, match=r"DIGIBANK_TEST_CHOICE must be one of a, b"):
        env_choice("DIGIBANK_TEST_CHOICE", "a", {"a", "b"})
