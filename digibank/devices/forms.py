"""Forms of the device bank's staff pages: plain messages next to each field, never a 500."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, ModelForm
from digibank.devices import checklists, lifecycle
from digibank.devices.models import (
    Accessory,
    Condition,
    Delivery,
    Device,
    DeviceKind,
    DeviceState,
    Donation,
    DonorKind,
    Grade,
    KeyboardLayout,
    MediumKind,
    RepairBarrier,
    RepairOutcome,
    StorageMedium,
    WipeMethod,
    WipeResult,
)
from digibank.devices.services.intake import DEVICE_FIELDS
from digibank.organisations.models import Hub, Partner, PartnerKind
from digibank.organisations.permissions import Access
from digibank.people.validators import validate_free_text, validate_phone, validate_postcode


def capitalised(choices: Any) -> list[tuple[Any, Any]]:
    return [(value, capfirst(label)) for value, label in choices]


def _text_inputs(form: forms.BaseForm) -> None:
    """Every text input refuses control characters and states its maximum length."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and not isinstance(field, forms.EmailField):
            field.validators.append(validate_free_text)
            field.strip = True


def limit_number(field: forms.Field, highest: int) -> None:
    field.max_value = highest
    field.validators.append(MaxValueValidator(highest))
    field.widget.attrs["max"] = highest


# --- Inventory ---------------------------------------------------------------------------------


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
        _text_inputs(self)
        self.fields["state"].choices = [("", _("All states")), *capitalised(DeviceState.choices)]
        self.fields["kind"].choices = [("", _("All kinds")), *capitalised(DeviceKind.choices)]
        self.fields["grade"].choices = [("", _("All grades")), *Grade.choices]
        self.fields["hub"].queryset = access.scope(Hub.objects.all()).only("id", "name")
        self.fields["hub"].empty_label = _("All hubs")
        self.fields["donor"].queryset = (
            access.scope(Partner.objects.filter(kind=PartnerKind.COMPANY))
            .only("id", "name")
            .order_by("name")
        )
        self.fields["donor"].empty_label = _("All donors")

    def value(self, name: str) -> Any:
        """A filter's value when valid, else nothing (the list stays unfiltered by it)."""
        if not self.is_valid() and name in self.errors:
            return None
        return self.cleaned_data.get(name)


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
        _text_inputs(self)
        self.fields["kind"].choices = capitalised(DeviceKind.choices)
        self.fields["condition"].choices = capitalised(Condition.choices)
        self.fields["keyboard_layout"].choices = capitalised(
            [("", _("No keyboard or not known")), *KEYBOARD_CHOICES]
        )
        self.fields["hub"].queryset = access.scope(Hub.objects.filter(active=True))
        self.fields["hub"].empty_label = _("Not at a hub yet")
        self.fields["serial"].help_text = _("As printed on the sticker, usually under the device.")
        self.fields["battery_health"].help_text = _("As a percentage of the original capacity.")
        self.fields["memory_gb"].widget.attrs.update(inputmode="numeric")
        self.fields["storage_gb"].widget.attrs.update(inputmode="numeric")
        self.fields["battery_health"].widget.attrs.update(inputmode="numeric")
        limit_number(self.fields["battery_health"], 100)
        limit_number(self.fields["memory_gb"], 4096)
        limit_number(self.fields["storage_gb"], 1_000_000)
        self.fields["screen_inch"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["screen_inch"].help_text = _("For example 15.6.")
        self.fields["data_plan"].help_text = _("Only for a data SIM or a mobile hotspot.")
        self.fields["photo"].help_text = _("A JPEG or PNG photo, at most 5 MB.")
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
        if photo and hasattr(photo, "size") and photo.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Choose a photo smaller than 5 MB."))
        return photo

    def service_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in DEVICE_FIELDS}

    def new_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        return photo if photo and hasattr(photo, "content_type") else None


KEYBOARD_CHOICES = [(value, label) for value, label in KeyboardLayout.choices if value]


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
        label=_("Storage capacity (GB)"), required=False, min_value=1, max_value=1_000_000
    )
    medium_serial = forms.CharField(
        label=_("Serial number of the drive"), required=False, max_length=60
    )

    field_order = ["donation"]

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, access=access, **kwargs)
        # Donations still arriving, or received in the last year: a list of a useful length.
        recent = timezone.localdate() - timezone.timedelta(days=365)
        self.fields["donation"].queryset = (
            access.scope(Donation.objects.exclude(status="declined"))
            .filter(Q(received_on__isnull=True) | Q(received_on__gte=recent))
            .select_related("donor_partner")
            .order_by("-created_at")
        )
        self.fields["donation"].empty_label = _("Not part of a donation")
        self.fields["medium_kind"].choices = [
            ("", _("No storage / register later")),
            *capitalised(MediumKind.choices),
        ]
        self.fields["medium_serial"].validators.append(validate_free_text)
        self.fields["medium_capacity"].widget.attrs.update(inputmode="numeric")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("medium_capacity") and not data.get("medium_kind"):
            self.add_error("medium_kind", _("Choose the kind of storage."))
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


# --- Lifecycle and workshop ---------------------------------------------------------------------


class TransitionForm(Form):
    to = forms.ChoiceField(label=_("New state"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example why, or what you did."),
    )

    def __init__(self, *args: Any, device: Device, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _text_inputs(self)
        # Loans, gifts and returns are made on the lending pages, with their agreements.
        handled_elsewhere = {
            DeviceState.RESERVED,
            DeviceState.LOANED,
            DeviceState.GIFTED,
            DeviceState.RECYCLED,
        }
        targets = [
            state
            for state in DeviceState
            if state in lifecycle.targets_from(device.state) and state not in handled_elsewhere
        ]
        self.fields["to"].choices = [(state.value, capfirst(state.label)) for state in targets]


class MediumForm(ModelForm):
    class Meta:
        model = StorageMedium
        fields = ["kind", "capacity_gb", "serial"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _text_inputs(self)
        self.fields["kind"].choices = capitalised(MediumKind.choices)
        limit_number(self.fields["capacity_gb"], 1_000_000)
        self.fields["capacity_gb"].widget.attrs.update(inputmode="numeric")


class WipeForm(Form):
    method = forms.ChoiceField(
        label=_("Method (NIST SP 800-88)"),
        choices=WipeMethod.choices,
        widget=forms.RadioSelect,
    )
    tool = forms.CharField(
        label=_("Tool and version"),
        max_length=120,
        help_text=_("For example: nwipe 0.35, Blancco Drive Eraser 7.9, hdparm secure erase."),
    )
    started_at = forms.DateTimeField(
        label=_("Started at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ended_at = forms.DateTimeField(
        label=_("Ended at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    result = forms.ChoiceField(
        label=_("Verification result"), choices=WipeResult.choices, widget=forms.RadioSelect
    )
    verification_note = forms.CharField(
        label=_("How you verified"),
        required=False,
        max_length=300,
        help_text=_("For example: full read-back, 5% sample, the tool's report number."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _text_inputs(self)
        self.fields["method"].choices = capitalised(WipeMethod.choices)
        self.fields["result"].choices = capitalised(WipeResult.choices)
        for name in ("started_at", "ended_at"):
            self.fields[name].error_messages.update(
                required=_("Enter the date and time."), invalid=_("Enter a real date and time.")
            )
        if not self.is_bound:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("ended_at", now)
            self.initial.setdefault("started_at", now - timezone.timedelta(hours=1))


class ChecklistForm(Form):
    checked = forms.MultipleChoiceField(
        label=_("Done"), required=False, widget=forms.CheckboxSelectMultiple
    )
    battery_health = forms.IntegerField(
        label=_("Battery health measured (%)"),
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    grade = forms.ChoiceField(
        label=_("Grade"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Give the grade when every item is done."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, device: Device, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _text_inputs(self)
        self.fields["checked"].choices = checklists.items_for(device.kind)
        self.fields["grade"].choices = Grade.choices
        self.fields["battery_health"].error_messages["invalid"] = _("Enter a whole number.")
        if not device.carries_storage and device.kind not in {
            DeviceKind.TABLET,
            DeviceKind.SMARTPHONE,
        }:
            del self.fields["battery_health"]


class RepairStartForm(Form):
    fault = forms.CharField(
        label=_("What is wrong?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe the fault.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _text_inputs(self)


class RepairFinishForm(Form):
    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    barriers = forms.MultipleChoiceField(
        label=_("What made the repair hard or impossible?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    parts = forms.CharField(label=_("Parts used"), required=False, max_length=300)
    minutes = forms.IntegerField(
        label=_("Time spent (minutes)"),
        min_value=0,
        max_value=60 * 24 * 14,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _text_inputs(self)
        self.fields["outcome"].choices = capitalised(RepairOutcome.choices)
        self.fields["barriers"].choices = capitalised(RepairBarrier.choices)
        self.fields["minutes"].error_messages.update(
            invalid=_("Enter a whole number."), required=_("Enter the time you spent.")
        )


class RecycleForm(Form):
    recycler = forms.CharField(
        label=_("Recycler"),
        max_length=150,
        help_text=_("The certified recycler or collection point, for example Recupel."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _text_inputs(self)


# --- Donations ----------------------------------------------------------------------------------

COUNTED_KINDS = [
    DeviceKind.LAPTOP,
    DeviceKind.DESKTOP,
    DeviceKind.SCREEN,
    DeviceKind.TABLET,
    DeviceKind.SMARTPHONE,
    DeviceKind.HOTSPOT,
    DeviceKind.DATA_SIM,
    DeviceKind.KEYBOARD,
    DeviceKind.MOUSE,
    DeviceKind.WEBCAM,
    DeviceKind.HEADSET,
]


def count_field(kind: DeviceKind) -> forms.IntegerField:
    return forms.IntegerField(
        label=capfirst(kind.label),
        required=False,
        min_value=0,
        max_value=10_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5, "autocomplete": "off"}),
        error_messages={"invalid": _("Enter a whole number, like 12.")},
    )


class CountsMixin:
    """One number field per kind of device: `count_laptop`, `count_screen`, ..."""

    def add_count_fields(self, kinds: list[DeviceKind] = COUNTED_KINDS) -> None:
        for kind in kinds:
            self.fields[f"count_{kind.value}"] = count_field(kind)  # type: ignore[attr-defined]

    def counts(self) -> dict[str, int]:
        data = self.cleaned_data  # type: ignore[attr-defined]
        return {
            name.removeprefix("count_"): value
            for name, value in data.items()
            if name.startswith("count_") and value
        }

    def count_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("count_")]  # type: ignore


class DonationForm(CountsMixin, ModelForm):
    class Meta:
        model = Donation
        fields = [
            "donor_kind",
            "donor_partner",
            "donor_name",
            "company_number",
            "contact_name",
            "contact_email",
            "contact_phone",
            "delivery",
            "street",
            "postcode",
            "hub",
            "preferred_date",
            "wants_certificate",
            "notes",
        ]
        widgets = {
            "donor_kind": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "preferred_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        kwargs.setdefault("instance", Donation(digibank=access.digibank))
        instance = kwargs["instance"]
        initial = kwargs.setdefault("initial", {})
        for kind, count in (instance.expected_counts or {}).items():
            initial.setdefault(f"count_{kind}", count)
        super().__init__(*args, **kwargs)
        self.add_count_fields()
        _text_inputs(self)
        self.fields["donor_kind"].choices = capitalised(DonorKind.choices)
        self.fields["delivery"].choices = capitalised(Delivery.choices)
        self.fields["donor_partner"].queryset = access.scope(
            Partner.objects.filter(kind=PartnerKind.COMPANY)
        ).order_by("name")
        self.fields["donor_partner"].empty_label = _("Not a partner (enter the name below)")
        self.fields["donor_partner"].help_text = _(
            "Partner companies are added on the Partners page."
        )
        self.fields["donor_name"].help_text = _(
            "The company, organisation or person, when not a partner."
        )
        self.fields["hub"].queryset = access.scope(Hub.objects.filter(active=True))
        self.fields["hub"].empty_label = _("No hub chosen yet")
        self.fields["street"].help_text = _("Needed when we pick the devices up.")
        self.fields["contact_phone"].widget.attrs.update(type="tel")
        self.fields["preferred_date"].error_messages["invalid"] = _("Enter a real date.")

    def clean_contact_phone(self) -> str:
        value = self.cleaned_data.get("contact_phone", "")
        if value:
            validate_phone(value)
        return value

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode", "")
        if value:
            validate_postcode(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, partner = data.get("donor_kind"), data.get("donor_partner")
        if kind and not partner and not data.get("donor_name") and "donor_name" not in self.errors:
            if kind == DonorKind.PRIVATE:
                self.add_error("donor_name", _("Enter the name of the donor."))
            else:
                self.add_error(
                    "donor_name",
                    _("Choose the partner company, or enter the name of the organisation."),
                )
        return data

    def service_values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        values["expected_counts"] = self.counts()
        return values


class DonationStatusForm(Form):
    status = forms.ChoiceField(choices=[("accepted", ""), ("received", ""), ("declined", "")])
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _text_inputs(self)


class ImportForm(Form):
    file = forms.FileField(
        label=_("Asset list (CSV or Excel .xlsx)"),
        help_text=_(
            "The first row names the columns. Only the column kind is required. "
            "At most 5,000 rows and 5 MB."
        ),
        error_messages={
            "required": _("Choose a file."),
            "empty": _("The file is empty."),
            "invalid": _("Choose a file."),
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a CSV or an Excel (.xlsx) file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Choose a file smaller than 5 MB."))
        return upload
