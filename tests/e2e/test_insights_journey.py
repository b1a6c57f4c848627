"""The figures in Chromium: a region analyst opens the region's figures, filters a municipality,
sees small counts hidden as "<10" and downloads the CSV; the digibank's figures page (and its
yearly report in one click) and the data dictionary. axe-core checks every page (charts
included: role="img" with title and summary)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from digibank.help.tests.visit_helpers import logged_visit
from digibank.lending.tests.helpers import handed_over
from digibank.testing import World
from tests.e2e.steps import go, log_in, open_page

pytestmark = pytest.mark.e2e


def test_a_region_analyst_filters_a_municipality_and_downloads_the_csv(
    page: Page, live_server, e2e_world: World
) -> None:
    loan = handed_over(e2e_world.a)
    assert loan.person is not None
    municipality = loan.person.municipality
    assert municipality is not None
    log_in(page, live_server.url, e2e_world.region_users["region_analyst"])
    go(page, lambda: page.locator("nav.site-nav a", has_text="Cijfers").click())
    assert page.locator("main svg[role=img]").count() >= 3
    page.select_option("#id_municipality", str(municipality.pk))
    go(page, lambda: page.locator("main form.filters button[type=submit]").click())
    assert f"municipality={municipality.pk}" in page.url
    hidden = page.locator("main td.figure--hidden", has_text="<10")
    assert hidden.count() >= 1
    assert loan.person.last_name not in page.inner_text("main")
    with page.expect_download() as download:
        page.locator("main a", has_text="(CSV)").first.click()
    content = download.value.path().read_text(encoding="utf-8")
    assert content.startswith("table,row,row_label,column,column_label,value")
    assert "<10" in content
    assert loan.person.last_name not in content


def test_the_analyst_reads_the_digibanks_figures_and_the_data_dictionary(
    page: Page, live_server, e2e_world: World
) -> None:
    handed_over(e2e_world.a)
    for _n in range(10):
        logged_visit(e2e_world.a)
    log_in(page, live_server.url, e2e_world.a.users["analyst"])
    figures = reverse("insights:dashboard", kwargs={"digibank": e2e_world.a.digibank.slug})
    go(page, lambda: page.locator(f'main a[href="{figures}"]').first.click())
    assert page.locator("main svg[role=img] title").count() >= 3
    with page.expect_download() as download:  # the yearly report: one click, the last full year
        page.locator("main form.report-choice__form button[type=submit]").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.endswith(".pdf")
    # The help visits by outcome: a chart with its title and summary, and its table beside it.
    chart = page.locator("main svg[aria-labelledby^='chart-help_visits_outcome-title']")
    assert "10" in (chart.locator("desc").text_content() or "")
    outcomes = page.locator("main table:has(#table-help_visits_outcome-caption)")
    assert outcomes.locator("tbody tr", has_text="opgelost").first.locator("td").inner_text() == (
        "10"
    )
    assert page.locator("#table-volunteer_hours-caption").is_visible()
    go(page, lambda: page.locator("main a", has_text="Wat elk cijfer telt").click())
    assert "&lt;10" not in page.inner_text("main")
    open_page(page, live_server.url + figures + "?period=last12&hub=" + str(e2e_world.a.hub.pk))
