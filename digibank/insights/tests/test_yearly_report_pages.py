"""The yearly report's download: one click from the figures pages (a GET form, no JavaScript),
a clear message for a year or digibank that cannot be chosen, and an audit entry per report."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digibank.core.models import AuditAction, AuditEntry
from digibank.insights.tests.test_yearly_report import text_of
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.services import create_digibank

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def report_url(world) -> str:
    return reverse("insights:report", kwargs={"digibank": world.a.digibank.slug})


def region_report_url(world) -> str:
    return reverse("insights:region_report", kwargs={"region": world.region.slug})


def test_the_figures_page_offers_the_report_of_the_last_full_year(world) -> None:
    body = (
        client_for(world.a.users["analyst"])
        .get(reverse("insights:dashboard", kwargs={"digibank": world.a.digibank.slug}))
        .content.decode()
    )
    assert f'<form method="get" action="{report_url(world)}"' in body
    assert f'<option value="{LAST_YEAR}" selected>' in body
    assert "Yearly report (PDF)" in body


def test_one_click_downloads_the_pdf_of_the_last_full_year_and_audits_it(world) -> None:
    response = client_for(world.a.users["analyst"]).get(report_url(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    filename = f"{world.a.digibank.slug}-yearly-report-{LAST_YEAR}.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert f"Yearly report {LAST_YEAR}" in text_of(response.content)
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.actor == world.a.users["analyst"]
    assert entry.digibank == world.a.digibank
    assert entry.note == f"yearly report {LAST_YEAR}"


def test_the_report_is_in_the_users_language(world) -> None:
    client = client_for(world.a.users["coordinator"])
    client.cookies["digibank_language"] = "fr"
    response = client.get(report_url(world), {"year": LAST_YEAR})
    assert f"Rapport annuel {LAST_YEAR}" in text_of(response.content)


@pytest.mark.parametrize("year", ["1999", "abc", "2025x", "-1", "9" * 40])
def test_a_year_that_cannot_be_chosen_gets_a_clear_message(world, year) -> None:
    response = client_for(world.a.users["analyst"]).get(report_url(world), {"year": year})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose a year from" in body and 'class="error-summary"' in body
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_region_downloads_the_report_of_each_of_its_digibanks(world) -> None:
    client = client_for(world.region_users["region_analyst"])
    page = client.get(reverse("insights:region_dashboard", kwargs={"region": world.region.slug}))
    body = page.content.decode()
    assert f'<form method="get" action="{region_report_url(world)}"' in body
    assert world.b.digibank.name in body
    response = client.get(region_report_url(world), {"digibank": world.b.digibank.pk})
    assert response.status_code == 200
    text = text_of(response.content)
    assert world.b.digibank.name in text and world.a.digibank.name not in text
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.actor, entry.digibank) == (world.region_users["region_analyst"], world.b.digibank)


def test_the_region_is_refused_another_regions_digibank(world) -> None:
    elsewhere = create_digibank(
        region=world.other_region, name="Digibank Brussel", slug="brussel-bank", by=SYSTEM
    )
    client = client_for(world.region_users["region_admin"])
    for chosen in (elsewhere.pk, "", "nope"):
        response = client.get(region_report_url(world), {"digibank": chosen})
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")
        assert "Digibank Brussel" not in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_digibank_cannot_download_another_digibanks_report(world) -> None:
    other = reverse("insights:report", kwargs={"digibank": world.b.digibank.slug})
    assert client_for(world.a.users["coordinator"]).get(other).status_code == 404
