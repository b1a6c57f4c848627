"""What the device pages share: fetching objects through the permission layer, form errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from digibank.core.errors import DomainError
from digibank.core.http import query_without
from digibank.devices import queries
from digibank.devices.models import Device, Donation, Repair, StorageMedium
from digibank.organisations.permissions import StaffRequest


def device_for_page(request: StaffRequest, device_id: int) -> Device:
    return queries.get_device_for(request.access, device_id)


def donation_for_page(request: StaffRequest, donation_id: int) -> Donation:
    return queries.get_donation_for(request.access, donation_id)


def medium_for_page(request: HttpRequest, device: Device, medium_id: int) -> StorageMedium:
    return get_object_or_404(StorageMedium.objects.filter(device=device), pk=medium_id)


def repair_for_page(request: HttpRequest, device: Device, repair_id: int) -> Repair:
    return get_object_or_404(Repair.objects.filter(device=device), pk=repair_id)


def to_device(request: StaffRequest, device: Device, anchor: str = "") -> HttpResponse:
    response = redirect(
        "devices:detail", digibank=request.access.digibank.slug, device_id=device.pk
    )
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def to_donation(request: StaffRequest, donation: Donation, anchor: str = "") -> HttpResponse:
    response = redirect(
        "devices:donation_detail", digibank=request.access.digibank.slug, donation_id=donation.pk
    )
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def add_error(form: forms.BaseForm, error: DomainError, fallback: str | None = None) -> None:
    field = error.field if error.field in form.fields else fallback
    form.add_error(field, error.message)


def query_string(request: HttpRequest, drop: tuple[str, ...] = ("after", "before")) -> str:
    return query_without(request.GET, *drop)


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def safe_filename(text: str) -> str:
    cleaned = "".join(char if char.isascii() and char.isalnum() else "-" for char in text)
    return "-".join(part for part in cleaned.split("-") if part)[:60] or "document"


def first_error_field(form: forms.BaseForm) -> Any:
    return next(iter(form.errors), None)
