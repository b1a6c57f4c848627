"""What the lending pages share: fetching objects through the permission layer, errors, pages."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.http import query_without
from digibank.core.models import AuditAction
from digibank.lending import queries
from digibank.lending.models import DeviceRequest, Loan
from digibank.organisations.permissions import StaffRequest

PAGE_SIZE = 50


def request_for_page(request: StaffRequest, request_id: int) -> DeviceRequest:
    return queries.get_request_for(request.access, request_id)


def loan_for_page(request: StaffRequest, loan_id: int) -> Loan:
    return queries.get_loan_for(request.access, loan_id)


def record_view(request: StaffRequest, obj: DeviceRequest | Loan) -> None:
    """A staff look at a request or loan shows a person's details: it goes in the audit trail."""
    audit.record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=obj,
        digibank=request.access.digibank,
    )


def add_error(form: Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def to_request(request: StaffRequest, request_id: int, anchor: str = "") -> HttpResponse:
    response = redirect(
        "lending:request_detail",
        digibank=request.access.digibank.slug,
        request_id=request_id,
    )
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def to_loan(request: StaffRequest, loan_id: int) -> HttpResponse:
    return redirect(
        "lending:loan_detail",
        digibank=request.access.digibank.slug,
        loan_id=loan_id,
    )


def page_of(request: HttpRequest, items: Any) -> Page:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, to keep them on the pagination links."""
    return query_without(request.GET, "page")
