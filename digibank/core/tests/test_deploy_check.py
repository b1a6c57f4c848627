"""`manage.py check --deploy` on production settings (DEBUG off, an https address) finds nothing
to warn about: HTTPS redirect, HSTS and secure cookies are on by default. `make test` runs the
same command."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def check_deploy(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": "sqlite:///:memory:",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "SITE_URL": "https://digibank.example",
        "ALLOWED_HOSTS": "digibank.example",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path: Path):
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(
    ("variables", "warning"),
    [
        ({"SECURE_SSL_REDIRECT": "false"}, "security.W008"),
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_HSTS_INCLUDE_SUBDOMAINS": "false"}, "security.W005"),
    ],
)
def test_the_deploy_check_notices_a_protection_turned_off(
    tmp_path: Path, variables: dict[str, str], warning: str
):
    result = check_deploy(tmp_path, **variables)
    assert result.returncode != 0
    assert warning in result.stderr + result.stdout
