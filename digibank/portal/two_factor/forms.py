from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form

_CODE_ATTRS = {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}


class CodeForm(Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The 6 digits your authenticator app shows now. Lost your phone? Type one of your "
            "recovery codes instead."
        ),
        widget=forms.TextInput(attrs=_CODE_ATTRS),
    )


class SetupForm(Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=20,
        help_text=_("The 6 digits the app shows for Digibank, for example 123456."),
        widget=forms.TextInput(attrs={**_CODE_ATTRS, "inputmode": "numeric"}),
    )


class ConfirmPasswordForm(Form):
    password = forms.CharField(
        label=_("Your password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, with_code: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_code:
            self.fields["code"] = copy.deepcopy(CodeForm.base_fields["code"])
