"""Static files are served by the app itself: compressed and with content hashes in their names."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_writes_hashed_and_compressed_files(tmp_path, client):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
        hashed = sorted(p.name for p in (tmp_path / "digibank").glob("digibank.*.css"))
        assert hashed, "no hashed stylesheet was written"
        assert re.fullmatch(r"digibank\.[0-9a-f]{12}\.css", hashed[0])
        assert (tmp_path / "digibank" / f"{hashed[0]}.gz").exists()
        page = client.get(reverse("portal:home")).content.decode()
        assert f"/static/digibank/{hashed[0]}" in page


def test_the_stylesheet_stays_small():
    from django.contrib.staticfiles import finders

    path = finders.find("digibank/digibank.css")
    with open(path, "rb") as handle:
        assert len(handle.read()) < 20_000
