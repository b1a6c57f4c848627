"""Forms of invitations: the coordinator's (an address and roles), the region admin's (an address
for a new digibank's coordinator), and the invited person's new account."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, form_field, not_marked_optional
from digibank.organisations.models import Partner, Role


def _email_field() -> forms.EmailField:
    return forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_(
            "We send the invitation to this address. The person accepts it themselves, with "
            "their own account or a new one."
        ),
        error_messages={"required": _("Fill in their email address.")},
    )


class CoordinatorInviteForm(Form):
    email = _email_field()


class InviteForm(Form):
    email = _email_field()
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one role.")},
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label="",
        help_text=_("Needed for a partner referrer: the organisation they work for."),
    )

    def __init__(self, *args: Any, partners: QuerySet[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "partner", forms.ModelChoiceField).queryset = partners
        not_marked_optional(self, "partner")  # needed for a referrer, as its hint says

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        missing_partner = Role.REFERRER in data.get("roles", []) and not data.get("partner")
        if missing_partner and "partner" not in self.errors:
            self.add_error("partner", _("Choose the partner this referrer works for."))
        return data


class NewAccountForm(Form):
    """The invited person's own account: their name, a username and the password they choose.
    The service checks the password with Django's password validators."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        error_messages={"required": _("Fill in your first name.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        error_messages={"required": _("Fill in your last name.")},
    )
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        help_text=_("You log in with this. Letters, numbers and . @ + - _ only, no spaces."),
        error_messages={
            "required": _("Choose a username."),
            "invalid": _("Use only letters, numbers and . @ + - _ in your username."),
        },
    )
    password1 = forms.CharField(
        label=_("Password"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Choose a password.")},
    )
    password2 = forms.CharField(
        label=_("Password again"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the password once more.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The rules of the configured validators, in Django's own translated words.
        self.fields["password1"].help_text = " ".join(
            password_validation.password_validators_help_texts()
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second and "password2" not in self.errors:
            self.add_error("password2", _("The two passwords are not the same."))
        return data
