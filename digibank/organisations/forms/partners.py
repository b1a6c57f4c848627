"""Forms of partners: the partner, its contact people, the list's filter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, ModelForm, PhoneField
from digibank.core.validators import validate_postcode
from digibank.organisations.forms.common import website_field
from digibank.organisations.models import Partner, PartnerContact, PartnerKind


class PartnerForm(ModelForm):
    website = website_field()
    kind = forms.ChoiceField(
        label=_("Kind of partner"), choices=PartnerKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Role in the digibank"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: refers residents, gives laptops, lends a room."),
    )
    phone = PhoneField(label=_("Phone number"))
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=4,
        required=False,
        validators=[validate_postcode],
        help_text=_("We find the municipality from the postcode."),
    )

    class Meta:
        model = Partner
        fields = ["name", "kind", "description", "email", "phone", "website", "street", "postcode"]


class PartnerContactForm(ModelForm):
    phone = PhoneField(label=_("Phone number"))

    class Meta:
        model = PartnerContact
        fields = ["name", "job_title", "email", "phone"]


WITHOUT_CONTACT = "none"


class PartnerFilterForm(Form):
    kind = forms.ChoiceField(
        label=_("Kind of partner"),
        choices=[("", _("All kinds")), *PartnerKind.choices],
        required=False,
    )
    contacts = forms.ChoiceField(
        label=_("Contact person"),
        choices=[("", _("With or without")), (WITHOUT_CONTACT, _("Active, without a contact"))],
        required=False,
    )
