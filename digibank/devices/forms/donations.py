"""Forms of donations: the donor, the devices expected per kind, its status, an asset list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from digibank.core import uploads
from digibank.core.forms import (
    Form,
    FormMixinBase,
    ModelForm,
    PhoneField,
    form_field,
    not_marked_optional,
)
from digibank.core.validators import validate_postcode
from digibank.devices.forms.common import capitalised, text_inputs
from digibank.devices.models import Delivery, DeviceKind, Donation, DonorKind
from digibank.organisations.models import Hub, Partner, PartnerKind
from digibank.organisations.permissions import Access

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
    field = forms.IntegerField(
        label=capfirst(kind.label),
        required=False,
        min_value=0,
        max_value=10_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5, "autocomplete": "off"}),
        error_messages={"invalid": _("Enter a whole number, like 12.")},
    )
    # Their fieldset ("Devices announced") says "(optional)" once for all of them.
    field.hide_optional = True  # type: ignore[attr-defined]
    return field


class CountsMixin(FormMixinBase):
    """One number field per kind of device: `count_laptop`, `count_screen`, ..."""

    def add_count_fields(self, kinds: Sequence[DeviceKind] = COUNTED_KINDS) -> None:
        for kind in kinds:
            self.fields[f"count_{kind.value}"] = count_field(kind)

    def counts(self) -> dict[str, int]:
        data = self.cleaned_data
        return {
            name.removeprefix("count_"): value
            for name, value in data.items()
            if name.startswith("count_") and value
        }

    def count_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("count_")]


class DonationForm(CountsMixin, ModelForm):
    contact_phone = PhoneField(label=_("Phone number"))

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
        text_inputs(self)
        form_field(self, "donor_kind", forms.ChoiceField).choices = capitalised(DonorKind.choices)
        form_field(self, "delivery", forms.ChoiceField).choices = capitalised(Delivery.choices)
        donor_partner_field = form_field(self, "donor_partner", forms.ModelChoiceField)
        donor_partner_field.queryset = access.scope(
            Partner.objects.filter(kind=PartnerKind.COMPANY)
        ).order_by("name")
        donor_partner_field.empty_label = _("Not a partner (enter the name below)")
        self.fields["donor_partner"].help_text = _(
            "Partner companies are added on the Partners page."
        )
        self.fields["donor_name"].help_text = _(
            "The company, organisation or person, when not a partner."
        )
        hub_field = form_field(self, "hub", forms.ModelChoiceField)
        hub_field.queryset = access.scope(Hub.objects.filter(active=True))
        hub_field.empty_label = _("No hub chosen yet")
        self.fields["street"].help_text = _("Needed when we pick the devices up.")
        self.fields["contact_email"].help_text = _(
            "An email address or a phone number is needed when the donor is not a partner."
        )
        not_marked_optional(self, "street", "contact_email", "contact_phone", "donor_name")
        self.fields["preferred_date"].error_messages["invalid"] = _("Enter a real date.")

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode", "")
        if value:
            validate_postcode(value)
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
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
        text_inputs(self)


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
        uploads.check_table_file(upload)
        return upload
