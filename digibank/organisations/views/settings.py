"""The coordinator's settings page: contact details, municipalities served, links onwards."""

from __future__ import annotations

from django.contrib import messages
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from digibank.core.errors import DomainError
from digibank.organisations import services
from digibank.organisations.forms import DigibankContactForm
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error


@staff_view(Perm.MANAGE_SETTINGS)
def settings_overview(request: StaffRequest) -> HttpResponse:
    digibank = request.access.digibank
    return render(
        request,
        "organisations/staff/settings.html",
        {"digibank": digibank, "municipalities": digibank.municipalities.all()},
    )


@staff_view(Perm.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def settings_contact(request: StaffRequest) -> HttpResponse:
    digibank = request.access.digibank
    form = DigibankContactForm(
        request.POST or None,
        initial=model_to_dict(digibank, fields=DigibankContactForm.Meta.fields),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_digibank(digibank=digibank, by=request.access, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The contact details are saved."))
            return redirect("organisations:settings", digibank=digibank.slug)
    return render(request, "organisations/staff/settings_contact.html", {"form": form})
