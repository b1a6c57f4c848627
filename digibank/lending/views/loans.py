"""Loans after the hand-over: the list, the overdue list, one loan, its agreement, a longer loan,
ownership, the return desk and losses."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.errors import DomainError
from digibank.lending import queries, services, worklist
from digibank.lending.agreement import agreement_pdf, data_for_loan
from digibank.lending.forms import (
    ExtendForm,
    FindLoanForm,
    LoanFilterForm,
    LossForm,
    OwnershipForm,
    ReturnForm,
)
from digibank.lending.models import HandOverCheck, LoanKind, LoanStatus
from digibank.lending.views.common import (
    add_error,
    loan_for_page,
    page_of,
    query_without_page,
    record_view,
    to_loan,
)
from digibank.organisations.permissions import Perm, StaffRequest, staff_view


@staff_view(Perm.HAND_OVER_DEVICES)
@require_GET
def loan_list(request: StaffRequest) -> HttpResponse:
    access = request.access
    form = LoanFilterForm(request.GET)
    loans = queries.loans_for(access)
    status = form.value("status")
    if status:
        loans = loans.filter(status=status)
    page = page_of(request, queries.loans_with_details(loans).order_by("-handed_over_at", "-id"))
    return render(
        request,
        "lending/staff/loan_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "filtered": bool(status),
            "today": timezone.localdate(),
        },
    )


@staff_view(Perm.HAND_OVER_DEVICES)
@require_GET
def overdue_list(request: StaffRequest) -> HttpResponse:
    access = request.access
    today = timezone.localdate()
    overdue = queries.overdue_loans(access, today)
    # `?reminded=yes`: only those whose reminder went out and that are still not back (call them).
    reminded = request.GET.get("reminded") == "yes"
    if reminded:
        overdue = worklist.with_overdue_reminder_sent(overdue)
    page = page_of(request, queries.loans_with_details(overdue))
    return render(
        request,
        "lending/staff/overdue_list.html",
        {
            "page": page,
            "today": today,
            "reminded": reminded,
            "query": query_without_page(request),
        },
    )


@staff_view(Perm.HAND_OVER_DEVICES)
@require_http_methods(["GET", "POST"])
def find_loan(request: StaffRequest) -> HttpResponse:
    """The return desk: type or scan the asset tag, go to the loan's return page."""
    access = request.access
    form = FindLoanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        loan = queries.find_loan_by_tag(access, form.cleaned_data["tag"])
        if loan is None:
            form.add_error(
                "tag",
                _("No device on loan has the tag %(tag)s. Check the label.")
                % {"tag": form.cleaned_data["tag"]},
            )
        else:
            return redirect("lending:loan_return", digibank=access.digibank.slug, loan_id=loan.pk)
    return render(request, "lending/staff/find_loan.html", {"form": form})


@staff_view(Perm.HAND_OVER_DEVICES)
@require_GET
def loan_detail(request: StaffRequest, loan_id: int) -> HttpResponse:
    access = request.access
    loan = loan_for_page(request, loan_id)
    record_view(request, loan)
    today = timezone.localdate()
    active = loan.status == LoanStatus.ACTIVE
    conditions = loan.condition_states()
    return render(
        request,
        "lending/staff/loan_detail.html",
        {
            "loan": loan,
            "today": today,
            "overdue_days": (today - loan.due_date).days
            if active and loan.due_date and loan.due_date < today
            else 0,
            "active": active,
            "can_own": active and loan.kind == LoanKind.LOAN and access.can(Perm.ALLOCATE_DEVICES),
            "can_view_person": access.can(Perm.VIEW_PEOPLE),
            "conditions": conditions,
            "all_conditions_met": bool(conditions) and all(met for _label, met in conditions),
            "checklist_labels": [
                label for value, label in HandOverCheck.choices if value in loan.checklist
            ],
        },
    )


@staff_view(Perm.HAND_OVER_DEVICES)
@require_GET
def loan_agreement(request: StaffRequest, loan_id: int) -> HttpResponse:
    """The signed agreement again, as it was: same regulation version and language.

    Never for an erased person: printing it again would bring their name back.
    """
    loan = loan_for_page(request, loan_id)
    if loan.person_id is None:
        raise Http404
    record_view(request, loan)
    response = HttpResponse(agreement_pdf(data_for_loan(loan)), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="agreement-{loan.request.reference_display}.pdf"'
    )
    return response


@staff_view(Perm.HAND_OVER_DEVICES)
@require_http_methods(["GET", "POST"])
def loan_extend(request: StaffRequest, loan_id: int) -> HttpResponse:
    loan = loan_for_page(request, loan_id)
    form = ExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            due_date = form.cleaned_data["due_date"]
            services.extend_loan(loan=loan, by=request.access, due_date=due_date)
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(
                request,
                _("The loan now ends on %(date)s.") % {"date": date_format(due_date, "j F Y")},
            )
            return to_loan(request, loan.pk)
    return render(request, "lending/staff/loan_extend.html", {"form": form, "loan": loan})


@staff_view(Perm.ALLOCATE_DEVICES)
@require_http_methods(["GET", "POST"])
def loan_ownership(request: StaffRequest, loan_id: int) -> HttpResponse:
    loan = loan_for_page(request, loan_id)
    form = OwnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.convert_to_ownership(
                loan=loan,
                by=request.access,
                conditions_met=form.cleaned_data["conditions_met"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(
                request,
                _("Device %(tag)s now belongs to %(name)s.")
                % {"tag": loan.device.asset_tag, "name": loan.resident_name},
            )
            return to_loan(request, loan.pk)
    return render(request, "lending/staff/loan_ownership.html", {"form": form, "loan": loan})


@staff_view(Perm.HAND_OVER_DEVICES)
@require_http_methods(["GET", "POST"])
def loan_return(request: StaffRequest, loan_id: int) -> HttpResponse:
    loan = loan_for_page(request, loan_id)
    form = ReturnForm(request.POST or None, accessories=loan.device.accessories)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_return(
                loan=loan,
                by=request.access,
                condition=form.cleaned_data["condition"],
                missing_accessories=form.cleaned_data.get("missing_accessories", []),
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(
                request,
                _("Device %(tag)s is back. It goes to wiping before its next loan.")
                % {"tag": loan.device.asset_tag},
            )
            return to_loan(request, loan.pk)
    return render(request, "lending/staff/loan_return.html", {"form": form, "loan": loan})


@staff_view(Perm.HAND_OVER_DEVICES)
@require_http_methods(["GET", "POST"])
def loan_lost(request: StaffRequest, loan_id: int) -> HttpResponse:
    loan = loan_for_page(request, loan_id)
    form = LossForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        stolen = form.cleaned_data["what"] == "stolen"
        try:
            services.register_loss(
                loan=loan, by=request.access, stolen=stolen, note=form.cleaned_data["note"]
            )
        except DomainError as error:
            add_error(form, error)
        else:
            message = (
                _("Device %(tag)s is recorded as stolen.")
                if stolen
                else _("Device %(tag)s is recorded as lost.")
            )
            messages.success(request, message % {"tag": loan.device.asset_tag})
            return to_loan(request, loan.pk)
    return render(request, "lending/staff/loan_lost.html", {"form": form, "loan": loan})
