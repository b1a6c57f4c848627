"""Staff forms of device requests: filters, the request, evidence, the decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, form_field
from digibank.devices.models import Accessory, KeyboardLayout
from digibank.lending.forms.common import (
    NOT_SURE,
    FilterValues,
    capitalised,
    long_text_field,
    max_length_of,
    text_field,
)
from digibank.lending.models import (
    WANTED_KIND_CHOICES,
    DeviceRequest,
    EligibilityDecision,
    EligibilityRule,
    EvidenceKind,
    EvidenceSeen,
    Need,
    Outcome,
    RequestStatus,
)
from digibank.lending.worklist import Pickup, Proof
from digibank.organisations.models import Hub, Partner
from digibank.organisations.permissions import Access
from digibank.people.forms import NoRegisterNumbersMixin
from digibank.people.validators import validate_free_text


class RequestFilterForm(FilterValues, Form):
    q = forms.CharField(
        label=_("Reference code or name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        validators=[validate_free_text],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *capitalised(RequestStatus.choices)],
    )
    need = forms.ChoiceField(
        label=_("What for"),
        required=False,
        choices=[("", _("All needs")), *capitalised(Need.choices)],
    )
    kind = forms.ChoiceField(
        label=_("Device"),
        required=False,
        choices=[("", _("All devices")), *capitalised(WANTED_KIND_CHOICES)],
    )
    proof = forms.ChoiceField(
        label=_("Proof of eligibility"),
        required=False,
        choices=[
            ("", _("With or without proof")),
            (Proof.SEEN, _("Proof seen")),
            (Proof.MISSING, _("No proof seen yet")),
        ],
    )
    hub = forms.ModelChoiceField(
        label=_("Device waiting at"),
        required=False,
        queryset=Hub.objects.none(),
        empty_label=_("All hubs"),
    )
    pickup = forms.ChoiceField(
        label=_("Pick-up"),
        required=False,
        choices=[
            ("", _("Any pick-up")),
            (Pickup.TODAY, _("Planned today")),
            (Pickup.ENDING, _("Not picked up, the reservation ends within two days")),
        ],
    )
    partner = forms.ModelChoiceField(
        label=_("Referred by"),
        required=False,
        queryset=Partner.objects.none(),
        empty_label=_("All partners"),
    )

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        """The hubs and partners to choose from are those of the user's digibank."""
        super().__init__(*args, **kwargs)
        hubs = access.scope(Hub.objects.all()).order_by("name")
        form_field(self, "hub", forms.ModelChoiceField).queryset = hubs
        partners = access.scope(Partner.objects.all()).order_by("name")
        form_field(self, "partner", forms.ModelChoiceField).queryset = partners


class PersonSearchForm(NoRegisterNumbersMixin, Form):
    q = forms.CharField(
        label=_("Name or postcode of the resident"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        validators=[validate_free_text],
    )


class RequestForm(NoRegisterNumbersMixin, Form):
    needs = forms.MultipleChoiceField(
        label=_("What is the device for?"),
        choices=capitalised(Need.choices),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing the device is for.")},
    )
    device_kind = forms.ChoiceField(
        label=_("Which device?"),
        choices=[*capitalised(WANTED_KIND_CHOICES), (NOT_SURE, _("Not sure yet"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a device, or “Not sure yet”.")},
    )
    keyboard_layout = forms.ChoiceField(
        label=_("Keyboard layout"),
        required=False,
        choices=[("", _("Any layout")), *KeyboardLayout.choices[1:]],
        help_text=_("Only for a laptop or desktop."),
    )
    accessories_wanted = forms.MultipleChoiceField(
        label=_("Accessories needed"),
        required=False,
        choices=capitalised(Accessory.choices),
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility_needs = long_text_field(
        _("Accessibility needs"),
        max_length_of(DeviceRequest, "accessibility_needs"),
        help_text=_("For example: a large screen, a screen reader, a big keyboard."),
    )
    household_note = long_text_field(
        _("Household"),
        max_length_of(DeviceRequest, "household_note"),
        help_text=_("For example: two children at secondary school. No health or income details."),
    )

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data["device_kind"] == NOT_SURE:
            data["device_kind"] = ""
        return data

    @classmethod
    def initial_for(cls, request: DeviceRequest) -> dict[str, Any]:
        return {
            "needs": request.needs,
            "device_kind": request.device_kind or NOT_SURE,
            "keyboard_layout": request.keyboard_layout,
            "accessories_wanted": request.accessories_wanted,
            "accessibility_needs": request.accessibility_needs,
            "household_note": request.household_note,
        }


class ReasonForm(NoRegisterNumbersMixin, Form):
    reason = long_text_field(_("Reason"), max_length_of(DeviceRequest, "close_reason"))


class EvidenceForm(NoRegisterNumbersMixin, Form):
    kind = forms.ChoiceField(
        label=_("Which proof did you see?"),
        choices=capitalised(EvidenceKind.choices),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which proof you saw.")},
    )
    note = text_field(
        _("Note"),
        max_length_of(EvidenceSeen, "note"),
        help_text=_("For example: valid until June. Never a number from the document."),
    )


class RuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: EligibilityRule) -> str:
        return obj.label


class DecisionForm(NoRegisterNumbersMixin, Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=capitalised(Outcome.choices),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    rule = RuleChoiceField(
        label=_("Rule that applies"),
        queryset=EligibilityRule.objects.none(),
        required=False,
        help_text=_("Needed when the request is eligible."),
    )
    reason = long_text_field(
        _("Reason"),
        max_length_of(EligibilityDecision, "reason"),
        help_text=_("Needed when the request is not eligible. The resident may ask for it."),
    )

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "rule", forms.ModelChoiceField)
        field.queryset = access.scope(EligibilityRule.objects.filter(active=True))
        field.empty_label = _("Choose a rule")
