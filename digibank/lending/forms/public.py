"""The resident's form on the public status page: their reference code."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form
from digibank.lending.codes import LENGTH, looks_like_a_code, normalise_code


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
