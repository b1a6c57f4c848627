"""Staff forms of a reservation: a device for a request, or a ready device for someone in line.

Both carry the reason for passing over the first in line; the service decides whether it is
needed (`services.allocation.allocate`), so the fields are optional here and its message lands
next to them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, form_field
from digibank.lending.forms.common import (
    DATE_WIDGET,
    TIME_WIDGET,
    capitalised,
    long_text_field,
    max_length_of,
)
from digibank.lending.models import DeviceRequest, SkipReason, WaitingListSkip
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Access


class DeviceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.asset_tag} – {obj.title}"


class RequestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference_display} – {obj.resident_name}"


class ReservationForm(Form):
    """The pick-up place and, when someone is passed over, why."""

    hub = forms.ModelChoiceField(
        label=_("Where does the resident pick it up?"),
        queryset=Hub.objects.none(),
        required=False,
    )
    skip_reason = forms.ChoiceField(
        label=_("Why not the first in line?"),
        help_text=_("Only when you choose someone who is not first in line."),
        choices=capitalised(SkipReason.choices),
        widget=forms.RadioSelect,
        required=False,
    )
    skip_note = long_text_field(
        _("Explain in your own words"),
        max_length_of(WaitingListSkip, "note"),
        help_text=_(
            "Only when you choose someone who is not first in line. Staff see it on the waiting "
            "list."
        ),
    )

    pickup_on = forms.DateField(
        label=_("Pick-up planned on"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "When you agreed a day with the resident. It then shows among the hand-overs of "
            "that day."
        ),
    )
    pickup_time = forms.TimeField(
        label=_("At what time?"),
        required=False,
        widget=TIME_WIDGET,
        help_text=_("For example 14:30."),
    )

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hub = form_field(self, "hub", forms.ModelChoiceField)
        hub.queryset = access.scope(Hub.objects.filter(active=True)).order_by("name")
        hub.empty_label = _("Where the device is now")


class AllocateForm(ReservationForm):
    """A device for this request, chosen among those that fit it."""

    device = DeviceChoiceField(
        label=_("Which device do you reserve?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a device."),
            "invalid_choice": _("This device is no longer available. Choose another device."),
        },
    )
    field_order = ["device", "hub", "pickup_on", "pickup_time", "skip_reason", "skip_note"]

    def __init__(self, *args: Any, devices: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, access=access, **kwargs)
        form_field(self, "device", forms.ModelChoiceField).queryset = devices


class OfferForm(ReservationForm):
    """A ready device for someone in line: the first is proposed."""

    request = RequestChoiceField(
        label=_("Who gets this device?"),
        queryset=DeviceRequest.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose who gets the device."),
            "invalid_choice": _(
                "This request is no longer waiting for this device. Choose someone else."
            ),
        },
    )
    field_order = ["request", "hub", "pickup_on", "pickup_time", "skip_reason", "skip_note"]

    def __init__(self, *args: Any, requests: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, access=access, **kwargs)
        form_field(self, "request", forms.ModelChoiceField).queryset = requests
