"""Staff forms of loans: the terms at hand-over, extending, giving, returns, losses, finding one."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, form_field
from digibank.devices.models import Accessory, Condition
from digibank.lending.forms.common import (
    DATE_WIDGET,
    DEFAULT_LOAN_DAYS,
    FilterValues,
    capitalised,
    long_text_field,
    max_length_of,
    text_field,
)
from digibank.lending.models import (
    AGREEMENT_LANGUAGE_CHOICES,
    HandOverCheck,
    Loan,
    LoanCondition,
    LoanKind,
)
from digibank.people.forms import NoRegisterNumbersMixin


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
        super().clean()
        data = self.cleaned_data
        if data.get("kind") == LoanKind.GIFT:
            # A gift has no date: whatever is in the date field does not matter.
            self.errors.pop("due_date", None)
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
            form_field(self, "missing_accessories", forms.ChoiceField).choices = capitalised(
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
