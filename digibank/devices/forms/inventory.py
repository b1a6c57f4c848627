"""Forms of the inventory: the list's filters, and a device's details when registered or changed."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core import uploads
from digibank.core.forms import Form, ModelForm, form_field, not_marked_optional
from digibank.devices.forms.common import capitalised, limit_number, text_inputs
from digibank.devices.models import (
    Accessory,
    Condition,
    Device,
    DeviceKind,
    DeviceState,
    Donation,
    Grade,
    KeyboardLayout,
    MediumKind,
)
from digibank.devices.services.intake import DEVICE_FIELDS
from digibank.organisations.models import Hub, Partner, PartnerKind
from digibank.organisations.permissions import Access
from digibank.people.validators import validate_free_text


class DeviceFilterForm(Form):
    q = forms.CharField(
        label=_("Asset tag or serial number"),
        help_text=_("The start is enough, for example MEC-01 or 5CG."),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    state = forms.ChoiceField(label=_("State"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Hub.objects.none(), required=False)
    donor = forms.ModelChoiceField(
        label=_("Donor"), queryset=Partner.objects.none(), required=False
    )
    grade = forms.ChoiceField(label=_("Grade"), required=False)

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        text_inputs(self)
        form_field(self, "state", forms.ChoiceField).choices = [
            ("", _("All states")),
            *capitalised(DeviceState.choices),
        ]
        form_field(self, "kind", forms.ChoiceField).choices = [
            ("", _("All kinds")),
            *capitalised(DeviceKind.choices),
        ]
        form_field(self, "grade", forms.ChoiceField).choices = [
            ("", _("All grades")),
            *Grade.choices,
        ]
        hub_field = form_field(self, "hub", forms.ModelChoiceField)
        hub_field.queryset = access.scope(Hub.objects.all()).only("id", "name")
        hub_field.empty_label = _("All hubs")
        donor_field = form_field(self, "donor", forms.ModelChoiceField)
        donor_field.queryset = (
            access.scope(Partner.objects.filter(kind=PartnerKind.COMPANY))
            .only("id", "name")
            .order_by("name")
        )
        donor_field.empty_label = _("All donors")

    def value(self, name: str) -> Any:
        """A filter's value when valid, else nothing (the list stays unfiltered by it)."""
        if not self.is_valid() and name in self.errors:
            return None
        return self.cleaned_data.get(name)


KEYBOARD_CHOICES = [(value, label) for value, label in KeyboardLayout.choices if value]


class DeviceForm(ModelForm):
    """A device's details, on the register and change pages."""

    class Meta:
        model = Device
        fields = [name for name in DEVICE_FIELDS if name != "hub"] + ["hub", "photo"]
        widgets = {
            "kind": forms.RadioSelect,
            "accessories": forms.CheckboxSelectMultiple,
            "condition": forms.RadioSelect,
            "condition_notes": forms.Textarea(attrs={"rows": 3}),
            "plan_ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    accessories = forms.MultipleChoiceField(
        label=_("Accessories"),
        choices=capitalised(Accessory.choices),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        kwargs.setdefault("instance", Device(digibank=access.digibank))
        super().__init__(*args, **kwargs)
        text_inputs(self)
        form_field(self, "kind", forms.ChoiceField).choices = capitalised(DeviceKind.choices)
        form_field(self, "condition", forms.ChoiceField).choices = capitalised(Condition.choices)
        form_field(self, "keyboard_layout", forms.ChoiceField).choices = capitalised(
            [("", _("No keyboard or not known")), *KEYBOARD_CHOICES]
        )
        hub_field = form_field(self, "hub", forms.ModelChoiceField)
        hub_field.queryset = access.scope(Hub.objects.filter(active=True))
        hub_field.empty_label = _("Not at a hub yet")
        self.fields["serial"].help_text = _("As printed on the sticker, usually under the device.")
        self.fields["battery_health"].help_text = _("As a percentage of the original capacity.")
        self.fields["memory_gb"].widget.attrs.update(inputmode="numeric")
        self.fields["storage_gb"].widget.attrs.update(inputmode="numeric")
        self.fields["battery_health"].widget.attrs.update(inputmode="numeric")
        limit_number(form_field(self, "battery_health", forms.IntegerField), 100)
        limit_number(form_field(self, "memory_gb", forms.IntegerField), 4096)
        limit_number(form_field(self, "storage_gb", forms.IntegerField), 1_000_000)
        self.fields["screen_inch"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["screen_inch"].help_text = _("For example 15.6.")
        self.fields["data_plan"].help_text = _("Only for a data SIM or a mobile hotspot.")
        self.fields["photo"].help_text = _("A JPEG or PNG photo, at most 5 MB.")
        self.fields["photo"].error_messages["invalid_image"] = _("Choose a JPEG or PNG photo.")
        for name in ("memory_gb", "storage_gb", "battery_health"):
            self.fields[name].error_messages["invalid"] = _("Enter a whole number.")
        self.fields["screen_inch"].error_messages["invalid"] = _("Enter a number, like 15.6.")
        self.fields["plan_ends_on"].error_messages["invalid"] = _("Enter a real date.")

    def clean_screen_inch(self) -> Any:
        value = self.cleaned_data.get("screen_inch")
        if value is not None and not 1 <= value <= 100:
            raise forms.ValidationError(_("Enter a screen size between 1 and 100 inch."))
        return value

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):  # a new upload, not the stored photo
            uploads.check_photo(photo)
        return photo

    def service_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in DEVICE_FIELDS}

    def new_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        return photo if photo and hasattr(photo, "content_type") else None


class RegisterDeviceForm(DeviceForm):
    donation = forms.ModelChoiceField(
        label=_("Donation"), queryset=Donation.objects.none(), required=False
    )
    medium_kind = forms.ChoiceField(
        label=_("Kind of storage"),
        required=False,
        help_text=_("Laptops, desktops, tablets and smartphones need their storage registered."),
    )
    medium_capacity = forms.IntegerField(
        label=_("Storage capacity (GB)"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        help_text=_("Entered once: it is also the device's storage."),
    )
    medium_serial = forms.CharField(
        label=_("Serial number of the drive"), required=False, max_length=60
    )

    field_order = ["donation"]

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, access=access, **kwargs)
        # Donations still arriving, or received in the last year: a list of a useful length.
        recent = timezone.localdate() - datetime.timedelta(days=365)
        donation_field = form_field(self, "donation", forms.ModelChoiceField)
        donation_field.queryset = (
            access.scope(Donation.objects.exclude(status="declined"))
            .filter(Q(received_on__isnull=True) | Q(received_on__gte=recent))
            .select_related("donor_partner")
            .order_by("-created_at")
        )
        donation_field.empty_label = _("Not part of a donation")
        form_field(self, "medium_kind", forms.ChoiceField).choices = [
            ("", _("No storage")),
            *capitalised(MediumKind.choices),
        ]
        # The storage is typed once, as the drive: its capacity becomes the device's storage.
        del self.fields["storage_gb"]
        self.fields["medium_serial"].validators.append(validate_free_text)
        self.fields["medium_capacity"].widget.attrs.update(inputmode="numeric")
        # Needed for the kinds that hold data (its hint names them) and with a capacity.
        not_marked_optional(self, "medium_kind")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("medium_capacity") and not data.get("medium_kind"):
            self.add_error("medium_kind", _("Choose the kind of storage."))
        # That a device holding data needs its drive is the service's rule
        # (`services.intake.checked_storage`), so the import and every caller keep it too.
        return data

    def storage_media(self) -> list[dict[str, Any]]:
        if not self.cleaned_data.get("medium_kind"):
            return []
        return [
            {
                "kind": self.cleaned_data["medium_kind"],
                "capacity_gb": self.cleaned_data.get("medium_capacity"),
                "serial": self.cleaned_data.get("medium_serial") or "",
            }
        ]
