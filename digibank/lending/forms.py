"""Forms about device requests and loans: a plain message next to each field, never a 500."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form
from digibank.devices.models import Accessory, Condition, KeyboardLayout
from digibank.lending.codes import LENGTH, looks_like_a_code, normalise_code
from digibank.lending.models import (
    AGREEMENT_LANGUAGE_CHOICES,
    WANTED_KIND_CHOICES,
    DeviceRequest,
    EligibilityDecision,
    EligibilityRule,
    EvidenceKind,
    EvidenceSeen,
    HandOverCheck,
    LendingRegulation,
    Loan,
    LoanCondition,
    LoanKind,
    Need,
    Outcome,
    RequestStatus,
)
from digibank.lending.services.eligibility import MAX_PRIORITY
from digibank.lending.services.regulation import TEXT_LENGTH
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Access
from digibank.people.forms import NoRegisterNumbersMixin
from digibank.people.validators import validate_free_text

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOT_SURE = "not_sure"
DEFAULT_LOAN_DAYS = 365


def capitalised(choices: Any) -> list[tuple[str, Any]]:
    """Choices that start a line (radios, checkboxes) start with a capital."""
    return [(value, capfirst(label)) for value, label in choices]


def max_length_of(model: Any, name: str) -> int:
    return model._meta.get_field(name).max_length


def text_field(label: Any, max_length: int, *, required: bool = False, **extra: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        validators=[validate_free_text],
        **extra,
    )


def long_text_field(label: Any, max_length: int, **extra: Any) -> forms.CharField:
    return text_field(label, max_length, widget=forms.Textarea(attrs={"rows": 3}), **extra)


class FilterValues:
    """A GET filter form whose invalid fields are ignored: the list stays unfiltered."""

    def value(self, name: str) -> Any:
        if not self.is_valid() and name in self.errors:  # type: ignore[attr-defined]
            return None
        return self.cleaned_data.get(name)  # type: ignore[attr-defined]


# Staff: requests ---------------------------------------------------------------------------


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
        field = self.fields["rule"]
        field.queryset = access.scope(EligibilityRule.objects.filter(active=True))
        field.empty_label = _("Choose a rule")


class DeviceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.asset_tag} – {obj.title}"


class AllocateForm(Form):
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
    hub = forms.ModelChoiceField(
        label=_("Where does the resident pick it up?"),
        queryset=Hub.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, devices: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["device"].queryset = devices
        hub = self.fields["hub"]
        hub.queryset = access.scope(Hub.objects.filter(active=True)).order_by("name")
        hub.empty_label = _("Where the device is now")


# Staff: hand-over and loans ----------------------------------------------------------------


class LoanTermsForm(NoRegisterNumbersMixin, Form):
    kind = forms.ChoiceField(
        label=_("Loan or gift?"),
        choices=capitalised(LoanKind.choices),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a loan or a gift.")},
    )
    due_date = forms.DateField(
        label=_("Bring back by"),
        widget=DATE_WIDGET,
        help_text=_("Only for a loan: a gift is not brought back."),
        error_messages={
            "required": _("Enter the date the device must be back."),
            "invalid": _("Enter a real date, like 31/12/2026."),
        },
    )
    conditions = forms.MultipleChoiceField(
        label=_("Conditions of the loan"),
        required=False,
        choices=capitalised(LoanCondition.choices),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When they are met, the device can become the resident's."),
    )
    other_conditions = text_field(_("Other conditions"), max_length_of(Loan, "other_conditions"))
    language = forms.ChoiceField(
        label=_("Language of the agreement"),
        choices=AGREEMENT_LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language of the agreement.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == LoanKind.GIFT:
            # A gift has no date: whatever is in the date field does not matter.
            self._errors.pop("due_date", None)
            data["due_date"] = None
        return data

    def terms(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "due_date": data["due_date"],
            "conditions": data["conditions"],
            "other_conditions": data["other_conditions"],
        }

    @staticmethod
    def default_due_date() -> datetime.date:
        return timezone.localdate() + datetime.timedelta(days=DEFAULT_LOAN_DAYS)


class HandOverForm(LoanTermsForm):
    checklist = forms.MultipleChoiceField(
        label=_("Hand-over checklist"),
        choices=capitalised(HandOverCheck.choices),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick each point when it is done."),
        error_messages={"required": _("Do every point of the checklist before handing over.")},
    )


class ExtendForm(Form):
    due_date = forms.DateField(
        label=_("New date to bring it back"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Enter the new date."),
            "invalid": _("Enter a real date, like 31/12/2026."),
        },
    )


class OwnershipForm(NoRegisterNumbersMixin, Form):
    conditions_met = forms.BooleanField(
        label=_("The resident met the conditions of the loan"), required=False
    )
    note = text_field(_("Note"), max_length_of(Loan, "owned_note"))


class ReturnForm(NoRegisterNumbersMixin, Form):
    condition = forms.ChoiceField(
        label=_("In what condition is the device?"),
        choices=capitalised(Condition.choices),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the condition of the device.")},
    )
    missing_accessories = forms.MultipleChoiceField(
        label=_("What is missing?"),
        required=False,
        choices=capitalised(Accessory.choices),
        widget=forms.CheckboxSelectMultiple,
    )
    note = long_text_field(_("Note"), max_length_of(Loan, "return_note"))

    def __init__(self, *args: Any, accessories: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if accessories:
            labels = dict(Accessory.choices)
            self.fields["missing_accessories"].choices = capitalised(
                [(code, labels[code]) for code in accessories if code in labels]
            )
        else:
            del self.fields["missing_accessories"]


class LossForm(NoRegisterNumbersMixin, Form):
    what = forms.ChoiceField(
        label=_("What happened?"),
        choices=[("lost", _("Lost")), ("stolen", _("Stolen"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose lost or stolen.")},
    )
    note = long_text_field(_("What the resident told us"), max_length_of(Loan, "loss_note"))


class FindLoanForm(Form):
    tag = forms.CharField(
        label=_("Asset tag of the device"),
        max_length=16,
        help_text=_("It is on the label, for example MEC-00042."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter the asset tag.")},
    )


class LoanFilterForm(FilterValues, Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *capitalised(Loan._meta.get_field("status").choices)],
    )


# Settings: rules and regulation --------------------------------------------------------------


class RuleForm(NoRegisterNumbersMixin, Form):
    name = text_field(_("Name"), max_length_of(EligibilityRule, "name"))
    description = long_text_field(_("Description"), max_length_of(EligibilityRule, "description"))
    priority = forms.IntegerField(
        label=_("Priority"),
        min_value=1,
        max_value=MAX_PRIORITY,
        help_text=_("1 comes first on the waiting list, then 2, and so on."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 2}),
        error_messages={
            "required": _("Enter a priority from 1 to %(max)d.") % {"max": MAX_PRIORITY},
            "invalid": _("Enter a priority from 1 to %(max)d.") % {"max": MAX_PRIORITY},
            "min_value": _("Enter a priority from 1 to %(max)d.") % {"max": MAX_PRIORITY},
            "max_value": _("Enter a priority from 1 to %(max)d.") % {"max": MAX_PRIORITY},
        },
    )
    evidence_kinds = forms.MultipleChoiceField(
        label=_("Proof this rule accepts"),
        choices=capitalised(EvidenceKind.choices),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one proof this rule accepts.")},
    )
    active = forms.BooleanField(label=_("Staff can use this rule"), required=False)

    def __init__(self, *args: Any, standard: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if standard:
            self.fields["name"].help_text = _("Leave empty to use the standard name.")
            self.fields["description"].help_text = _("Leave empty to use the standard description.")
        else:
            self.fields["name"].required = True
            self.fields["name"].error_messages["required"] = _("Enter a name for the rule.")

    @classmethod
    def initial_for(cls, rule: EligibilityRule) -> dict[str, Any]:
        return {
            "name": rule.name,
            "description": rule.description,
            "priority": rule.priority,
            "evidence_kinds": rule.evidence_kinds,
            "active": rule.active,
        }


class RegulationForm(NoRegisterNumbersMixin, Form):
    text_nl = forms.CharField(
        label=_("Text in Dutch"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12, "lang": "nl"}),
        validators=[validate_free_text],
        error_messages={"required": _("Enter the text in Dutch.")},
    )
    text_fr = forms.CharField(
        label=_("Text in French"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12, "lang": "fr"}),
        validators=[validate_free_text],
        error_messages={"required": _("Enter the text in French.")},
    )
    text_en = forms.CharField(
        label=_("Text in English"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12, "lang": "en"}),
        validators=[validate_free_text],
        error_messages={"required": _("Enter the text in English.")},
    )
    change_note = text_field(
        _("What changed?"),
        max_length_of(LendingRegulation, "change_note"),
        help_text=_("For example: longer loans for pupils."),
    )


# Public: "I need a device" -------------------------------------------------------------------


class StatusForm(Form):
    reference = forms.CharField(
        label=_("Your reference code"),
        max_length=20,
        help_text=_("You got it when you asked for a device. For example: ACDE-FHJK."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={
            "required": _("Enter your reference code."),
            "max_length": _("A reference code has %(length)d letters and numbers.")
            % {"length": LENGTH},
        },
    )

    def clean_reference(self) -> str:
        code = normalise_code(self.cleaned_data["reference"])
        if not looks_like_a_code(code):
            raise forms.ValidationError(
                _("A reference code has %(length)d letters and numbers, like ACDE-FHJK.")
                % {"length": LENGTH}
            )
        return code
