"""Offering a ready device to the person first in line for it (the waiting list's promise)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from digibank.core.errors import DomainError
from digibank.devices.models import Device, DeviceState
from digibank.lending import queries, queue, services
from digibank.lending.forms import OfferForm
from digibank.lending.views.common import add_error, to_request
from digibank.organisations.permissions import Perm, StaffRequest, staff_view


@staff_view(Perm.ALLOCATE_DEVICES)
@require_http_methods(["GET", "POST"])
def offer(request: StaffRequest, device_id: int) -> HttpResponse:
    """The first in line is proposed; anyone else the device fits may be chosen with a reason."""
    access = request.access
    device = get_object_or_404(access.scope(Device.objects.select_related("hub")), pk=device_id)
    ready = device.state == DeviceState.READY
    line = queue.line_of(device) if ready else queue.Line(device=device)
    in_line = [line.first, *line.others] if line.first is not None else []
    choosable = queries.waiting_order(
        queries.requests_for(access).filter(pk__in=[candidate.pk for candidate in in_line])
    ).select_related("person")
    form = OfferForm(
        request.POST or None,
        requests=choosable,
        access=access,
        initial={"request": line.first.pk if line.first is not None else None},
    )
    if request.method == "POST" and ready and form.is_valid():
        chosen = form.cleaned_data["request"]
        try:
            services.allocate(
                request=chosen,
                device=device,
                by=access,
                hub=form.cleaned_data["hub"],
                pickup_on=form.cleaned_data["pickup_on"],
                pickup_time=form.cleaned_data["pickup_time"],
                skip_reason=form.cleaned_data["skip_reason"],
                skip_note=form.cleaned_data["skip_note"],
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(
                request,
                _("Device %(tag)s is reserved for request %(code)s. The resident gets a message.")
                % {"tag": device.asset_tag, "code": chosen.reference_display},
            )
            return to_request(request, chosen.pk)
    return render(
        request,
        "lending/staff/offer.html",
        {"device": device, "ready": ready, "line": line, "form": form},
    )
