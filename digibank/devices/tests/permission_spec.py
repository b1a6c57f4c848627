"""Who may use each device-bank page and API endpoint (see digibank/core/tests/matrix.py).

Objects in URLs are made through the services the first time a spec asks for them, in the
digibank the matrix names (`object_bank`), so a foreign object under one's own digibank is tried.
"""

from django.core.files.base import ContentFile

from digibank.core.tests.matrix import API, PUBLIC, STAFF, Spec, bank_only, no_kwargs, roles
from digibank.devices import services
from digibank.devices.models import Device, DeviceKind, Donation, DonorKind, MediumKind, Repair
from digibank.organisations import services as organisation_services
from digibank.organisations.models import Partner, PartnerKind
from digibank.organisations.permissions import SYSTEM
from digibank.testing import ROLES

# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
VIEWERS = roles("coordinator", "hub_volunteer", "technician")
WORKSHOP = roles("coordinator", "technician")
DONATIONS = roles("coordinator", "technician")


def on_object(kind, allowed, success=200):
    """A role without the permission is refused (403) before the object is looked up; an
    allowed role gets `success` for its own digibank's object and 404 for any other."""

    def expect(role, case):
        if role == "anonymous":
            return {302} if kind == STAFF else {401}
        if role not in ROLES or case == "other":
            return {404}
        if role not in allowed:
            return {403}
        return {success} if case == "own" else {404}

    return expect


def company(bank):
    found = Partner.objects.filter(digibank=bank.digibank, kind=PartnerKind.COMPANY).first()
    return found or organisation_services.create_partner(
        by=SYSTEM, digibank=bank.digibank, name="Acme Logistics", kind=PartnerKind.COMPANY
    )


def donation_of(bank):
    found = Donation.objects.filter(digibank=bank.digibank, donor_partner__isnull=False).first()
    return found or services.create_donation(
        digibank=bank.digibank,
        by=SYSTEM,
        donor_kind=DonorKind.COMPANY,
        donor_partner=company(bank),
        expected_counts={DeviceKind.LAPTOP: 2},
    )


def device_of(bank, serial="MATRIX1"):
    found = Device.objects.filter(digibank=bank.digibank, serial=serial).first()
    return found or services.register_device(
        digibank=bank.digibank,
        by=SYSTEM,
        donation=donation_of(bank),
        kind=DeviceKind.LAPTOP,
        brand="Dell",
        model="Latitude 5490",
        serial=serial,
        media=[{"kind": MediumKind.SSD, "capacity_gb": 256}],
    )


def repair_of(bank):
    device = device_of(bank, serial="MATRIX2")
    found = Repair.objects.filter(device=device).first()
    return found or services.start_repair(device=device, by=SYSTEM, fault="Hinge broken")


def device(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "device_id": device_of(object_bank).pk}


def photographed(slug_bank, object_bank):
    found = device_of(object_bank)
    if not found.photo:
        found.photo.save("matrix.png", ContentFile(PNG), save=True)
    return {"digibank": slug_bank.digibank.slug, "device_id": found.pk}


def medium(slug_bank, object_bank):
    found = device_of(object_bank)
    return {**device(slug_bank, object_bank), "medium_id": found.media.first().pk}


def repair(slug_bank, object_bank):
    found = repair_of(object_bank)
    return {
        "digibank": slug_bank.digibank.slug,
        "device_id": found.device_id,
        "repair_id": found.pk,
    }


def donation(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "donation_id": donation_of(object_bank).pk}


def donor(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "partner_id": company(object_bank).pk}


def to_wiping(world):
    return {"to": "wiping", "note": "matrix"}


def an_ssd(world):
    return {"kind": MediumKind.SSD, "capacity_gb": "128"}


def received(world):
    return {"status": "received"}


def first_step(slug_bank, object_bank):
    return {"step": "postcode"}


def staff_object(kwargs, allowed, method="get", data=None, success=200):
    return Spec(
        STAFF,
        kwargs,
        method=method,
        data=data,
        has_object=True,
        expect=on_object(STAFF, allowed, success),
    )


SPECS = {
    "devices:list": Spec(STAFF, bank_only, allowed=VIEWERS),
    "devices:export_csv": Spec(STAFF, bank_only, allowed=VIEWERS),
    "devices:export_xlsx": Spec(STAFF, bank_only, allowed=VIEWERS),
    "devices:labels": Spec(STAFF, bank_only, allowed=VIEWERS),
    "devices:create": Spec(STAFF, bank_only, allowed=WORKSHOP),
    "devices:work_queue": Spec(STAFF, bank_only, allowed=WORKSHOP),
    "devices:impact": Spec(STAFF, bank_only, allowed=VIEWERS),
    "devices:detail": staff_object(device, VIEWERS),
    "devices:edit": staff_object(device, WORKSHOP),
    "devices:label": staff_object(device, VIEWERS),
    "devices:photo": staff_object(photographed, VIEWERS),
    "devices:certificate": staff_object(device, VIEWERS),
    "devices:transition": staff_object(device, WORKSHOP, "post", to_wiping, 302),
    "devices:medium_add": staff_object(device, WORKSHOP, "post", an_ssd, 302),
    "devices:medium_remove": staff_object(medium, WORKSHOP, "post", success=302),
    "devices:wipe": staff_object(medium, WORKSHOP),
    "devices:checklist": staff_object(device, WORKSHOP),
    "devices:repair_start": staff_object(device, WORKSHOP),
    "devices:repair_finish": staff_object(repair, WORKSHOP),
    "devices:recycle": staff_object(device, WORKSHOP),
    "devices:donation_list": Spec(STAFF, bank_only, allowed=DONATIONS),
    "devices:donation_create": Spec(STAFF, bank_only, allowed=DONATIONS),
    "devices:import_template": Spec(STAFF, bank_only, allowed=WORKSHOP),
    "devices:donation_detail": staff_object(donation, DONATIONS),
    "devices:donation_edit": staff_object(donation, DONATIONS),
    "devices:donation_status": staff_object(donation, DONATIONS, "post", received, 302),
    "devices:donation_import": staff_object(donation, WORKSHOP),
    "devices:donation_certificate": staff_object(donation, DONATIONS),
    "devices:donation_report": staff_object(donation, DONATIONS),
    "devices:donor_report": staff_object(donor, DONATIONS),
    "devices:donor_report_pdf": staff_object(donor, DONATIONS),
    "devices:donate_start": Spec(PUBLIC, no_kwargs),
    "devices:donate_wiping": Spec(PUBLIC, no_kwargs),
    "devices:donate_step": Spec(PUBLIC, first_step),
    # Without answers in the session both send the visitor to the first question.
    "devices:donate_check": Spec(PUBLIC, no_kwargs, success=302),
    "devices:donate_sent": Spec(PUBLIC, no_kwargs, success=302),
    "api:list_devices": Spec(API, bank_only, allowed=VIEWERS),
    "api:get_device": Spec(API, device, has_object=True, expect=on_object(API, VIEWERS)),
    "api:list_donations": Spec(API, bank_only, allowed=DONATIONS),
    "api:get_donation": Spec(API, donation, has_object=True, expect=on_object(API, DONATIONS)),
}
