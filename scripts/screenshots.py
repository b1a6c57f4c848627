"""Take the README's screenshots of the main pages from a running demo (`make demo`).

Usage: .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]
Writes PNG files to docs/screenshots/. Needs Debian's chromium (installed by `make test`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "digibank-demo"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

PUBLIC = [
    ("home", "/", "phone"),
    ("hub-finder", "/hubs/?place=2800", "phone"),
    ("need-a-device", "/device/", "phone"),
    ("donate-devices", "/donate/", "phone"),
    ("skills-check", "/skills-check/", "phone"),
    ("session-finder", "/learn/sessions/?place=2800", "phone"),
    ("book-help", "/help/book/?hub=all", "phone"),
]
STAFF = [
    ("mechelen-coordinator", "home-coordinator", "/staff/mechelen/", "desktop"),
    ("mechelen-technician", "home-technician", "/staff/mechelen/", "desktop"),
    ("mechelen-hub-volunteer", "home-hub-volunteer", "/staff/mechelen/", "phone"),
    ("mechelen-referrer", "home-referrer", "/staff/mechelen/", "phone"),
    ("mechelen-coordinator", "residents", "/staff/mechelen/people/", "desktop"),
    ("mechelen-hub-volunteer", "register-resident", "/staff/mechelen/people/new/", "phone"),
    ("mechelen-coordinator", "hubs", "/staff/mechelen/hubs/", "desktop"),
    ("mechelen-coordinator", "partners", "/staff/mechelen/partners/", "desktop"),
    ("mechelen-coordinator", "audit-trail", "/staff/mechelen/audit/", "desktop"),
    ("vlaanderen-admin", "region", "/region/vlaanderen/", "desktop"),
    ("mechelen-technician", "devices", "/staff/mechelen/devices/", "desktop"),
    ("mechelen-technician", "workshop", "/staff/mechelen/devices/workshop/", "desktop"),
    ("mechelen-technician", "device", "/staff/mechelen/devices/?state=loaned", "desktop"),
    ("mechelen-coordinator", "waiting-list", "/staff/mechelen/requests/waiting-list/", "desktop"),
    ("mechelen-coordinator", "donation", "/staff/mechelen/donations/", "desktop"),
    ("mechelen-coordinator", "outbox", "/staff/mechelen/messages/", "desktop"),
    ("mechelen-trainer", "home-trainer", "/staff/mechelen/", "phone"),
    ("mechelen-trainer", "teaching", "/staff/mechelen/skills/teaching/", "desktop"),
    ("mechelen-coordinator", "sessions", "/staff/mechelen/skills/sessions/", "desktop"),
    ("mechelen-hub-volunteer", "quick-log", "/staff/mechelen/help/visits/new/", "phone"),
    ("mechelen-coordinator", "appointments", "/staff/mechelen/help/appointments/", "desktop"),
    ("mechelen-hub-volunteer", "guides", "/staff/mechelen/help/guides/", "phone"),
    ("mechelen-hub-volunteer", "guide", "/staff/mechelen/help/guides/?q=itsme", "phone"),
    ("mechelen-coordinator", "plans", "/staff/mechelen/plans/", "desktop"),
    ("mechelen-coordinator", "plan", "/staff/mechelen/plans/", "desktop"),
    ("mechelen-coordinator", "person", "/staff/mechelen/plans/", "desktop"),
    ("mechelen-analyst", "figures", "/staff/mechelen/figures/", "desktop"),
    ("vlaanderen-analyst", "region-figures", "/region/vlaanderen/figures/", "desktop"),
]
# Pages reached by following links from the page above them (their ids differ per demo): the
# first link each selector finds, in order.
FIRST_TABLE_LINK = "main table tbody a"
OPEN_FIRST = {
    "device": [FIRST_TABLE_LINK],
    "donation": [FIRST_TABLE_LINK],
    "guide": [".hub-results h2 a"],
    "plan": [FIRST_TABLE_LINK],
    "person": [FIRST_TABLE_LINK, "main .back-link, .back-link"],
}
# Desktop pages shown whole: what matters is below the first screen.
WHOLE_PAGE = {"person"}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, path, viewport in PUBLIC:
            context = browser.new_context(viewport=VIEWPORTS[viewport], locale="nl-BE")
            page = context.new_page()
            page.goto(BASE + path)
            page.screenshot(path=OUT / f"{name}.png", full_page=True)
            context.close()
        for username, name, path, viewport in STAFF:
            context = browser.new_context(viewport=VIEWPORTS[viewport], locale="nl-BE")
            page = context.new_page()
            page.goto(f"{BASE}/accounts/login/?next={path}")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_load_state()
            for selector in OPEN_FIRST.get(name, []):
                page.locator(selector).first.click()
                page.wait_for_load_state()
            whole = viewport == "phone" or name in WHOLE_PAGE
            page.screenshot(path=OUT / f"{name}.png", full_page=whole)
            context.close()
        browser.close()
    print(f"Screenshots written to {OUT}")


if __name__ == "__main__":
    main()
