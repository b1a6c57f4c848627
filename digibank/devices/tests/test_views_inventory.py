"""The inventory pages: list, filters, search, keyset pages, counts, exports, device page."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from digibank.core.models import AuditAction, AuditEntry
from digibank.devices import services
from digibank.devices.models import DeviceKind, DeviceState
from digibank.devices.tests.helpers import device_in, make_device, make_donation
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"devices:{name}", kwargs={"digibank": world.a.digibank.slug, **kwargs})


@pytest.fixture
def technician_client(client, world):
    client.force_login(world.a.users["technician"])
    return client


def add_devices(world, count, prefix="SN", **fields):
    return [
        make_device(world.a.digibank, serial=f"{prefix}{i:05d}", **fields) for i in range(count)
    ]


def test_the_list_shows_devices_newest_first_with_counts_per_state(technician_client, world):
    first, second = add_devices(world, 2)
    services.transition(device=first, to=DeviceState.WIPING, by=SYSTEM)

    response = technician_client.get(url("list", world))

    assert response.status_code == 200
    page = response.context["page"]
    assert [row["id"] for row in page.items] == [second.pk, first.pk]
    counts = {state: count for state, _label, count in response.context["counts"]}
    assert counts[DeviceState.RECEIVED] == 1
    assert counts[DeviceState.WIPING] == 1
    assert response.context["total"] == 2
    assert second.asset_tag in response.content.decode()


def test_the_list_never_shows_another_digibanks_devices(technician_client, world):
    make_device(world.b.digibank, serial="EEKLO1")
    mine = make_device(world.a.digibank, serial="MINE1")
    response = technician_client.get(url("list", world))
    assert [row["id"] for row in response.context["page"].items] == [mine.pk]
    assert "EEKLO1" not in response.content.decode()


def test_the_list_makes_the_same_few_queries_for_3_or_33_devices(
    technician_client, world, django_assert_max_num_queries
):
    add_devices(world, 3, prefix="A")
    with django_assert_max_num_queries(12) as few:
        technician_client.get(url("list", world))
    add_devices(world, 30, prefix="B")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = technician_client.get(url("list", world))
    assert len(response.context["page"].items) == 33


def test_keyset_pages_walk_the_whole_list_in_both_directions(technician_client, world):
    devices = add_devices(world, 120)
    newest_first = [device.pk for device in reversed(devices)]

    first = technician_client.get(url("list", world)).context["page"]
    assert [row["id"] for row in first.items] == newest_first[:50]
    assert not first.has_previous
    second = technician_client.get(url("list", world), {"after": first.next_after}).context["page"]
    assert [row["id"] for row in second.items] == newest_first[50:100]
    third = technician_client.get(url("list", world), {"after": second.next_after}).context["page"]
    assert [row["id"] for row in third.items] == newest_first[100:]
    assert not third.has_next
    back = technician_client.get(url("list", world), {"before": third.previous_before})
    assert [row["id"] for row in back.context["page"].items] == newest_first[50:100]


@pytest.mark.parametrize("cursor", ["abc", "-5", "9" * 40, "1e9"])
def test_a_broken_cursor_shows_the_first_page(technician_client, world, cursor):
    add_devices(world, 2)
    response = technician_client.get(url("list", world), {"after": cursor, "before": cursor})
    assert response.status_code == 200
    assert len(response.context["page"].items) == 2


def test_it_filters_by_state_kind_hub_donor_and_grade(technician_client, world):
    bank = world.a
    donation = make_donation(bank.digibank, donor_partner=None)
    laptop = make_device(bank.digibank, serial="L1", hub=bank.hub, donation=donation)
    screen = make_device(bank.digibank, kind=DeviceKind.SCREEN, with_storage=False, serial="S1")
    ready = device_in(DeviceState.READY, bank.digibank, world.a.users["technician"], serial="R1")

    def listed(**query):
        response = technician_client.get(url("list", world), query)
        return {row["id"] for row in response.context["page"].items}

    assert listed(kind="screen") == {screen.pk}
    assert listed(hub=bank.hub.pk) == {laptop.pk}
    assert listed(state="ready") == {ready.pk}
    assert listed(grade="B") == {ready.pk}
    assert listed(state="ready", kind="screen") == set()
    assert listed(donation=donation.pk) == {laptop.pk}


def test_it_filters_by_donor_company(technician_client, world):
    from digibank.organisations import services as organisation_services
    from digibank.organisations.models import PartnerKind

    bank = world.a
    acme = organisation_services.create_partner(
        by=SYSTEM, digibank=bank.digibank, name="Acme", kind=PartnerKind.COMPANY
    )
    given = make_device(
        bank.digibank, serial="D1", donation=make_donation(bank.digibank, donor_partner=acme)
    )
    make_device(bank.digibank, serial="D2", donation=make_donation(bank.digibank))
    response = technician_client.get(url("list", world), {"donor": acme.pk})
    assert [row["id"] for row in response.context["page"].items] == [given.pk]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("5cg-12", {"5CG1234X", "5CG1299"}),
        ("5CG1234", {"5CG1234X"}),
        ("  5cg 129 ", {"5CG1299"}),
        ("pf1", {"PF1ABC"}),
        ("zzz", set()),
    ],
)
def test_search_finds_serial_numbers_by_their_start(technician_client, world, typed, expected):
    for serial in ("5CG1234X", "5CG1299", "PF1ABC"):
        make_device(world.a.digibank, serial=serial)
    response = technician_client.get(url("list", world), {"q": typed})
    assert {row["serial"] for row in response.context["page"].items} == expected


def test_search_finds_asset_tags_with_or_without_the_dash(technician_client, world):
    devices = add_devices(world, 12)
    tag = devices[10].asset_tag  # MEC-0011
    for typed in (tag, tag.lower(), tag.replace("-", ""), "mec-0011", "11"):
        response = technician_client.get(url("list", world), {"q": typed})
        assert [row["asset_tag"] for row in response.context["page"].items] == [tag], typed
    response = technician_client.get(url("list", world), {"q": "MEC-001"})
    assert {row["asset_tag"] for row in response.context["page"].items} == {
        d.asset_tag for d in devices[9:12]
    }


@pytest.mark.parametrize(
    "typed", ["x" * 10_000, "<script>alert(1)</script>", "💻📱", "مرحبا", "\x00\x01"]
)
def test_bad_search_input_never_breaks_the_list(technician_client, world, typed):
    add_devices(world, 1)
    response = technician_client.get(url("list", world), {"q": typed, "state": "flying"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


# Tabs and carriage returns at the start are trimmed by the services, so they are tested apart.
FORMULAS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("-", "'-"),
        ("MEC-0001", "MEC-0001"),
        (-5, -5),
        (None, ""),
    ],
)
def test_a_cell_that_could_run_as_a_formula_gets_an_apostrophe(value, written):
    from digibank.devices.exports import safe_cell

    assert safe_cell(value) == written


def formula_devices(world):
    for index, text in enumerate(FORMULAS):
        services.register_device(
            digibank=world.a.digibank,
            by=SYSTEM,
            kind=DeviceKind.MOUSE,
            brand=text,
            model="=cmd|' /C calc'!A0",
            serial=f"F{index}",
        )


def test_the_csv_export_defuses_spreadsheet_formulas(technician_client, world):
    formula_devices(world)
    response = technician_client.get(url("export_csv", world))
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Asset tag"
    brands = {row[3] for row in rows[1:]}
    assert brands == {"'" + text for text in FORMULAS}
    assert all(row[4] == "'=cmd|' /C calc'!A0" for row in rows[1:])
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, note="devices csv").exists()


def test_the_xlsx_export_defuses_formulas_and_keeps_numbers(technician_client, world):
    formula_devices(world)
    make_device(world.a.digibank, serial="NUM1", memory_gb=8)
    response = technician_client.get(url("export_xlsx", world), {"kind": "mouse"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 1 + len(FORMULAS)  # the filter applies: the laptop is not there
    brands = {row[3] for row in values[1:]}
    assert brands == {"'" + text for text in FORMULAS}
    assert all(not str(cell).startswith("=") for row in values for cell in row if cell)
    laptop_sheet = load_workbook(
        io.BytesIO(technician_client.get(url("export_xlsx", world), {"q": "NUM1"}).content)
    ).active
    assert list(laptop_sheet.iter_rows(values_only=True))[1][7] == 8


def test_the_device_page_shows_details_storage_checklist_and_history(technician_client, world):
    device = device_in(DeviceState.READY, world.a.digibank, world.a.users["technician"])
    response = technician_client.get(url("detail", world, device_id=device.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert device.asset_tag in page
    assert "Blancco Drive Eraser 7.9" in page
    assert "From being refurbished to ready to hand out" in page
    assert response.context["media"][0].current_wipe is not None


def test_the_device_page_of_another_digibank_is_not_found(technician_client, world):
    other = make_device(world.b.digibank, serial="OTHER1")
    response = technician_client.get(url("detail", world, device_id=other.pk))
    assert response.status_code == 404


def test_the_work_queue_lists_devices_waiting_longest_first(technician_client, world):
    older, newer = add_devices(world, 2)
    ready = device_in(
        DeviceState.READY, world.a.digibank, world.a.users["technician"], serial="RDY"
    )
    response = technician_client.get(url("work_queue", world))
    listed = [device.pk for device in response.context["devices"]]
    assert listed == [older.pk, newer.pk]
    assert ready.pk not in listed
    response = technician_client.get(url("work_queue", world), {"state": "wiping"})
    assert response.context["devices"] == []


def test_the_rows_of_the_list_are_escaped(technician_client, world):
    services.register_device(
        digibank=world.a.digibank,
        by=SYSTEM,
        kind=DeviceKind.LAPTOP,
        brand="<script>alert(1)</script>",
        model='"><img src=x onerror=alert(2)>',
        serial="XSS1",
        media=[{"kind": "ssd", "capacity_gb": 256}],
    )
    page = technician_client.get(url("list", world)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_donor_and_hub_named_like_a_script_show_as_text_in_the_rows(technician_client, world):
    from digibank.organisations.services.hubs import create_hub

    hub = create_hub(
        by=SYSTEM,
        digibank=world.a.digibank,
        name="<script>alert('hub')</script>",
        street="Kerkstraat 1",
        postcode=world.a.hub.postcode,
        municipality=world.a.hub.municipality,
    )
    donation = make_donation(world.a.digibank, donor_name="<script>alert('donor')</script>")
    make_device(world.a.digibank, serial="XSS2", donation=donation, hub=hub)

    page = technician_client.get(url("list", world)).content.decode()

    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(&#39;donor&#39;)&lt;/script&gt;</td>" in page
    assert "&lt;script&gt;alert(&#39;hub&#39;)&lt;/script&gt;</td>" in page


def test_the_fragment_engine_escapes_every_value():
    from django.template import engines

    from digibank.core.fragments import macros

    assert engines["jinja2"].env.autoescape is True
    html = macros("includes/_options.html").options([('"><script>', "<b>bold</b>")], "")
    assert html == '<option value="&#34;&gt;&lt;script&gt;">&lt;b&gt;bold&lt;/b&gt;</option>'


def test_the_device_page_makes_the_same_queries_with_a_longer_history(
    technician_client, world, django_assert_max_num_queries
):
    from digibank.devices import journeys
    from digibank.devices.models import MediumKind

    technician = world.a.users["technician"]
    device = make_device(world.a.digibank, serial="HIST1")
    with django_assert_max_num_queries(20) as few:
        technician_client.get(url("detail", world, device_id=device.pk))
    services.transition(device=device, to=DeviceState.WIPING, by=act(technician))
    for _ in range(3):
        services.register_medium(device=device, by=act(technician), kind=MediumKind.HDD)
    journeys.wipe_all(device, by=act(technician), operator=technician, when=timezone.now())
    for _ in range(2):
        repair = services.start_repair(device=device, by=act(technician), fault="Fan")
        services.finish_repair(repair=repair, by=act(technician), outcome="repairable")
        services.finish_repair(repair=repair, by=act(technician), outcome="fixed")
    assert device.events.count() > 10
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = technician_client.get(url("detail", world, device_id=device.pk))
    assert len(response.context["media"]) == 4
    assert len(response.context["repairs"]) == 2


def test_the_filters_keep_what_was_chosen_and_escape_names(technician_client, world):
    from digibank.organisations import services as organisation_services
    from digibank.organisations.models import PartnerKind

    partner = organisation_services.create_partner(
        by=SYSTEM, digibank=world.a.digibank, name="<b>Acme</b> & Co", kind=PartnerKind.COMPANY
    )
    page = technician_client.get(
        url("list", world), {"state": "ready", "donor": partner.pk, "q": '"><script>'}
    ).content.decode()
    assert '<option value="ready" selected>Ready to hand out</option>' in page
    assert (
        f'<option value="{partner.pk}" selected>&lt;b&gt;Acme&lt;/b&gt; &amp; Co</option>' in page
    )
    assert 'value="&quot;&gt;&lt;script&gt;"' in page
