"""Forms of a digibank's staff and settings: an account and its roles, the contact details."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, ModelForm, PhoneField, form_field
from digibank.core.models import User
from digibank.organisations.forms.common import text_field, website_field
from digibank.organisations.models import Digibank, Partner, Role


class AccountForm(Form):
    """Choose an existing account, or give a name and email address for a new one."""

    EXISTING = "existing"
    NEW = "new"

    account = forms.ChoiceField(
        label=_("Does this person already have a Digibank account?"),
        choices=[
            (EXISTING, _("Yes, they have an account")),
            (NEW, _("No, make a new account")),
        ],
        widget=forms.RadioSelect,
    )
    identifier = text_field(
        _("Their username or email address"),
        254,
        help_text=_("Only when they already have an account."),
    )
    first_name = text_field(_("First name"), 150, help_text=_("Only for a new account."))
    last_name = text_field(_("Last name"), 150, help_text=_("Only for a new account."))
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        required=False,
        help_text=_("Only for a new account."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("account") == self.EXISTING:
            identifier = (data.get("identifier") or "").strip()
            if not identifier:
                if "identifier" not in self.errors:
                    self.add_error("identifier", _("Fill in their username or email address."))
                return data
            found = list(
                User.objects.filter(Q(username__iexact=identifier) | Q(email__iexact=identifier))[
                    :2
                ]
            )
            if not found:
                self.add_error(
                    "identifier",
                    _("We cannot find an account with this username or email address."),
                )
            elif len(found) > 1:
                self.add_error(
                    "identifier",
                    _("Several accounts use this email address. Fill in the username instead."),
                )
            else:
                data["user"] = found[0]
        elif data.get("account") == self.NEW:
            for name, message in (
                ("first_name", _("Fill in their first name.")),
                ("last_name", _("Fill in their last name.")),
                ("email", _("Fill in their email address.")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data


class MemberForm(AccountForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
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

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        missing_partner = data.get("role") == Role.REFERRER and not data.get("partner")
        if missing_partner and "partner" not in self.errors:
            self.add_error("partner", _("Choose the partner this referrer works for."))
        return data


class DigibankContactForm(ModelForm):
    website = website_field()
    phone = PhoneField(label=_("Phone number"))

    class Meta:
        model = Digibank
        fields = ["name", "email", "phone", "website"]
