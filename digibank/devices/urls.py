from django.urls import path

from digibank.devices.views import donations, inventory, public, workshop

app_name = "devices"

DEVICES = "staff/<slug:digibank>/devices/"
DEVICE = DEVICES + "<int:device_id>/"
DONATIONS = "staff/<slug:digibank>/donations/"
DONATION = DONATIONS + "<int:donation_id>/"

urlpatterns = [
    path(DEVICES, inventory.device_list, name="list"),
    path(DEVICES + "export.csv", inventory.export_csv, name="export_csv"),
    path(DEVICES + "export.xlsx", inventory.export_xlsx, name="export_xlsx"),
    path(DEVICES + "labels.pdf", inventory.labels, name="labels"),
    path(DEVICES + "new/", inventory.device_create, name="create"),
    path(DEVICES + "workshop/", inventory.work_queue, name="work_queue"),
    path(DEVICES + "impact/", inventory.impact_page, name="impact"),
    path(DEVICE, inventory.device_detail, name="detail"),
    path(DEVICE + "edit/", inventory.device_edit, name="edit"),
    path(DEVICE + "label.pdf", inventory.device_label, name="label"),
    path(DEVICE + "photo/", inventory.device_photo, name="photo"),
    path(DEVICE + "certificate.pdf", inventory.device_certificate, name="certificate"),
    path(DEVICE + "state/", workshop.device_transition, name="transition"),
    path(DEVICE + "storage/", workshop.medium_add, name="medium_add"),
    path(DEVICE + "storage/<int:medium_id>/remove/", workshop.medium_remove, name="medium_remove"),
    path(DEVICE + "storage/<int:medium_id>/wipe/", workshop.wipe_record, name="wipe"),
    path(DEVICE + "checklist/", workshop.checklist, name="checklist"),
    path(DEVICE + "repairs/new/", workshop.repair_start, name="repair_start"),
    path(DEVICE + "repairs/<int:repair_id>/", workshop.repair_finish, name="repair_finish"),
    path(DEVICE + "recycle/", workshop.recycle, name="recycle"),
    path(DONATIONS, donations.donation_list, name="donation_list"),
    path(DONATIONS + "new/", donations.donation_create, name="donation_create"),
    path(DONATIONS + "import-template.csv", donations.import_template, name="import_template"),
    path(DONATION, donations.donation_detail, name="donation_detail"),
    path(DONATION + "edit/", donations.donation_edit, name="donation_edit"),
    path(DONATION + "status/", donations.donation_status, name="donation_status"),
    path(DONATION + "import/", donations.donation_import, name="donation_import"),
    path(
        DONATION + "certificate.pdf",
        donations.donation_certificate,
        name="donation_certificate",
    ),
    path(DONATION + "report.pdf", donations.donation_report_pdf, name="donation_report"),
    path(
        "staff/<slug:digibank>/donors/<int:partner_id>/",
        donations.donor_report,
        name="donor_report",
    ),
    path(
        "staff/<slug:digibank>/donors/<int:partner_id>/report.pdf",
        donations.donor_report_pdf,
        name="donor_report_pdf",
    ),
    path("donate/", public.donate_start, name="donate_start"),
    path("donate/erasing-data/", public.donate_wiping, name="donate_wiping"),
    path("donate/check/", public.donate_check, name="donate_check"),
    path("donate/sent/", public.donate_sent, name="donate_sent"),
    path("donate/<slug:step>/", public.donate_step, name="donate_step"),
]
