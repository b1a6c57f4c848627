"""Forms of a digibank's settings: the contact details. Staff are invited (`invitations`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from digibank.core.forms import ModelForm, PhoneField
from digibank.organisations.forms.common import website_field
from digibank.organisations.models import Digibank


class DigibankContactForm(ModelForm):
    website = website_field()
    phone = PhoneField(label=_("Phone number"))

    class Meta:
        model = Digibank
        fields = ["name", "email", "phone", "website"]
