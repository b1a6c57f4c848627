"""Forms of a digibank's settings: the contact details. Staff are invited (`invitations`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import ModelForm
from digibank.core.validators import validate_phone
from digibank.organisations.forms.common import website_field
from digibank.organisations.models import Digibank


class DigibankContactForm(ModelForm):
    website = website_field()
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, required=False, validators=[validate_phone]
    )

    class Meta:
        model = Digibank
        fields = ["name", "email", "phone", "website"]
