"""The public "I need a device" pages: one question per page, answers kept in the session.

A resident tells us where they live, what they need the device for and how we reach them; the
phone or email page is asked only for the way they chose. Nothing is saved in the database until
they accept on the "Check your answers" page (see `digibank.core.question_flow`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.fields import max_length
from digibank.core.forms import Form, PhoneField, TelInput
from digibank.core.question_flow import FlowUrls, QuestionFlow, Step
from digibank.lending.forms import NOT_SURE, capitalised, long_text_field
from digibank.lending.models import WANTED_KIND_CHOICES, DeviceRequest, Need
from digibank.organisations import postcode_steps
from digibank.people.forms import NoRegisterNumbersMixin
from digibank.people.models import ContactMethod, Person
from digibank.people.validators import validate_name


class PlaceForm(postcode_steps.PostcodeForm):
    postcode = postcode_steps.postcode_field(
        _("What is your postcode?"),
        help_text=_("We look for the digibank near you. For example: 2800."),
        required=_("Enter your postcode."),
    )
    no_digibank = _(
        "There is no digibank for postcode %(postcode)s yet. Check the postcode, "
        "or ask at your town hall or OCMW."
    )


class NeedsForm(Form):
    needs = forms.MultipleChoiceField(
        label=_("What do you need a device for?"),
        help_text=_("Choose everything that applies."),
        choices=capitalised(Need.choices),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing you need the device for.")},
    )


KIND_CHOICES = [
    *capitalised(WANTED_KIND_CHOICES),
    (NOT_SURE, _("I am not sure. Help me choose.")),
]


class KindForm(Form):
    device_kind = forms.ChoiceField(
        label=_("Which device do you need?"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a device, or “I am not sure”.")},
    )


class AccessibilityForm(NoRegisterNumbersMixin, Form):
    accessibility_needs = long_text_field(
        _("Do you need anything to use a device well?"),
        max_length(DeviceRequest, "accessibility_needs"),
        help_text=_("For example: a large screen, a big keyboard, or a program that reads aloud."),
    )


class HouseholdForm(NoRegisterNumbersMixin, Form):
    household_note = long_text_field(
        _("Who else at home will use the device?"),
        max_length(DeviceRequest, "household_note"),
        help_text=_("For example: my two children for school. Do not write about health or money."),
    )


class NameForm(NoRegisterNumbersMixin, Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=Person._meta.get_field("first_name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your first name.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=Person._meta.get_field("last_name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your last name.")},
    )

    def clean_first_name(self) -> str:
        value = self.cleaned_data["first_name"].strip()
        validate_name(value)
        return value

    def clean_last_name(self) -> str:
        value = self.cleaned_data["last_name"].strip()
        validate_name(value)
        return value


class BirthYearForm(Form):
    birth_year = forms.IntegerField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        message = _("Enter a year between 1900 and %(year)d, like 1968.") % {"year": this_year}
        self.fields["birth_year"] = forms.IntegerField(
            label=_("In which year were you born?"),
            required=False,
            min_value=1900,
            max_value=this_year,
            help_text=_(
                "Only the year, for example 1968. It helps us tell people with the same name apart."
            ),
            widget=forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "bday-year", "size": 4}
            ),
            error_messages={"invalid": message, "min_value": message, "max_value": message},
        )


CONTACT_CHOICES = [
    (ContactMethod.PHONE.value, _("By text message or phone")),
    (ContactMethod.EMAIL.value, _("By email")),
    (ContactMethod.NONE.value, _("Not at all: I will check with my reference code")),
]


class ContactForm(Form):
    contact_method = forms.ChoiceField(
        label=_("How can we reach you about your request?"),
        help_text=_("We use it only for your request and your device."),
        choices=CONTACT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how we can reach you.")},
    )


class PhoneForm(Form):
    phone = PhoneField(
        label=_("What is your phone number?"),
        max_length=Person._meta.get_field("phone").max_length,
        required=True,
        help_text=_("For example 0470 12 34 56. We send your reference code there."),
        widget=TelInput(attrs={"autocomplete": "tel"}),
        error_messages={"required": _("Enter your phone number.")},
    )


class EmailForm(Form):
    email = forms.EmailField(
        label=_("What is your email address?"),
        max_length=Person._meta.get_field("email").max_length,
        help_text=_("We send your reference code there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )


STEPS = (
    postcode_steps.postcode_step(PlaceForm, _("What is your postcode?")),
    postcode_steps.digibank_step(_("Which digibank is closest to you?")),
    Step("needs", NeedsForm, _("What do you need a device for?"), ("needs",)),
    Step("device", KindForm, _("Which device do you need?"), ("device_kind",)),
    Step(
        "accessibility",
        AccessibilityForm,
        _("Do you need anything to use a device well?"),
        ("accessibility_needs",),
    ),
    Step(
        "household",
        HouseholdForm,
        _("Who else at home will use the device?"),
        ("household_note",),
    ),
    Step(
        "name",
        NameForm,
        _("What is your name?"),
        ("first_name", "last_name"),
        heading=_("What is your name?"),
    ),
    Step("birth-year", BirthYearForm, _("In which year were you born?"), ("birth_year",)),
    Step(
        "contact", ContactForm, _("How can we reach you about your request?"), ("contact_method",)
    ),
    Step(
        "phone",
        PhoneForm,
        _("What is your phone number?"),
        ("phone",),
        applies=lambda answers: answers.get("contact_method") == ContactMethod.PHONE,
    ),
    Step(
        "email",
        EmailForm,
        _("What is your email address?"),
        ("email",),
        applies=lambda answers: answers.get("contact_method") == ContactMethod.EMAIL,
    ),
)
FLOW = QuestionFlow(
    STEPS,
    session_key="lending_public_request",
    done_key="lending_public_reference",
    urls=FlowUrls(
        start="lending:public_start",
        step="lending:public_step",
        check="lending:public_check",
        sent="lending:public_sent",
    ),
)
