"""Forms of the lending settings: the eligibility rules and the lending regulation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form
from digibank.lending.forms.common import capitalised, long_text_field, max_length_of, text_field
from digibank.lending.models import EligibilityRule, EvidenceKind, LendingRegulation
from digibank.lending.services.eligibility import MAX_PRIORITY
from digibank.lending.services.regulation import TEXT_LENGTH
from digibank.people.forms import NoRegisterNumbersMixin
from digibank.people.validators import validate_free_text


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


class WhoDecidesForm(Form):
    """Whether a partner's referrer decides the eligibility of their own referrals."""

    referrers_decide_eligibility = forms.TypedChoiceField(
        label=_("Who decides if a partner's referral is eligible?"),
        help_text=_(
            "A referrer always refers and may note the proof they saw. Hub volunteers note the "
            "proof at the desk. Only the coordinator decides, unless you choose otherwise here."
        ),
        choices=[
            ("no", _("The coordinator")),
            ("yes", _("The partner's referrer may decide too, for their own referrals")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who decides.")},
    )
