"""The public "I need a device" pages: one question per page, answers kept in the session.

Each `Step` asks one question (its form) and fills some keys of the answers. A step may not apply
(the phone page when the resident chose email). The resident cannot skip ahead: a step whose
earlier steps are not answered sends them back to the first open one. Nothing is saved in the
database until they accept on the "Check your answers" page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form
from digibank.lending.forms import NOT_SURE, capitalised, long_text_field
from digibank.lending.models import WANTED_KIND_CHOICES, DeviceRequest, Need
from digibank.organisations.models import Digibank
from digibank.people.forms import NoRegisterNumbersMixin
from digibank.people.models import ContactMethod, Person
from digibank.people.validators import validate_name, validate_phone, validate_postcode

SESSION_KEY = "lending_public_request"
DONE_KEY = "lending_public_reference"


def digibanks_for_postcode(postcode: str) -> list[Digibank]:
    """The active digibanks that serve a municipality with this postcode."""
    banks = Digibank.objects.filter(active=True).prefetch_related("municipalities").order_by("name")
    return [
        bank
        for bank in banks
        if any(postcode in municipality.postcodes for municipality in bank.municipalities.all())
    ]


class PlaceForm(Form):
    postcode = forms.CharField(
        label=_("What is your postcode?"),
        max_length=4,
        help_text=_("We look for the digibank near you. For example: 2800."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 4}
        ),
        error_messages={
            "required": _("Enter your postcode."),
            "max_length": _("Enter a postcode of 4 digits, like 2800."),
        },
    )

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        validate_postcode(postcode)
        if not digibanks_for_postcode(postcode):
            raise forms.ValidationError(
                _(
                    "There is no digibank for postcode %(postcode)s yet. Check the postcode, "
                    "or ask at your town hall or OCMW."
                )
                % {"postcode": postcode}
            )
        return postcode


class DigibankChoiceForm(Form):
    digibank = forms.TypedChoiceField(
        label=_("Which digibank is closest to you?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a digibank.")},
    )

    def __init__(self, *args: Any, postcode: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["digibank"].choices = [
            (bank.pk, bank.name) for bank in digibanks_for_postcode(postcode)
        ]


class NeedsForm(Form):
    needs = forms.MultipleChoiceField(
        label=_("What do you need a device for?"),
        help_text=_("Choose everything that applies."),
        choices=capitalised(Need.choices),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing you need the device for.")},
    )


class KindForm(Form):
    device_kind = forms.ChoiceField(
        label=_("Which device do you need?"),
        choices=[
            *capitalised(WANTED_KIND_CHOICES),
            (NOT_SURE, _("I am not sure. Help me choose.")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a device, or “I am not sure”.")},
    )


class AccessibilityForm(NoRegisterNumbersMixin, Form):
    accessibility_needs = long_text_field(
        _("Do you need anything to use a device well?"),
        DeviceRequest._meta.get_field("accessibility_needs").max_length,
        help_text=_("For example: a large screen, a big keyboard, or a program that reads aloud."),
    )


class HouseholdForm(NoRegisterNumbersMixin, Form):
    household_note = long_text_field(
        _("Who else at home will use the device?"),
        DeviceRequest._meta.get_field("household_note").max_length,
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
    phone = forms.CharField(
        label=_("What is your phone number?"),
        max_length=Person._meta.get_field("phone").max_length,
        help_text=_("For example 0470 12 34 56. We send your reference code there."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Enter your phone number.")},
    )

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        validate_phone(value)
        return value


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


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[Form]
    title: Promise
    keys: tuple[str, ...]
    applies: Callable[[dict[str, Any]], bool] = lambda answers: True
    # Several fields on one page need their own heading; one field uses its label as heading.
    heading: Promise | None = None

    def is_done(self, answers: dict[str, Any]) -> bool:
        return all(key in answers for key in self.keys)

    def form_kwargs(self, answers: dict[str, Any]) -> dict[str, Any]:
        if self.form_class is DigibankChoiceForm:
            return {"postcode": answers.get("postcode", "")}
        return {}


STEPS = (
    Step("postcode", PlaceForm, _("What is your postcode?"), ("postcode",)),
    Step(
        "digibank",
        DigibankChoiceForm,
        _("Which digibank is closest to you?"),
        ("digibank",),
        applies=lambda answers: len(digibanks_for_postcode(answers.get("postcode", ""))) > 1,
    ),
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
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def applicable_steps(answers: dict[str, Any]) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def first_open_step(answers: dict[str, Any]) -> Step | None:
    return next((step for step in applicable_steps(answers) if not step.is_done(answers)), None)


def previous_step(step: Step, answers: dict[str, Any]) -> Step | None:
    steps = applicable_steps(answers)
    if step not in steps:
        return None
    index = steps.index(step)
    return steps[index - 1] if index > 0 else None


def store(answers: dict[str, Any], step: Step, cleaned: dict[str, Any]) -> dict[str, Any]:
    """The answers with this step's values; a new postcode forgets the digibank chosen before."""
    updated = dict(answers)
    for key in step.keys:
        updated[key] = cleaned.get(key)
    if step.slug == "postcode":
        banks = digibanks_for_postcode(updated["postcode"])
        if len(banks) == 1:
            updated["digibank"] = banks[0].pk
        elif updated.get("digibank") not in {bank.pk for bank in banks}:
            updated.pop("digibank", None)
    return updated


def digibank_of(answers: dict[str, Any]) -> Digibank | None:
    if "digibank" not in answers:
        return None
    return Digibank.objects.filter(pk=answers["digibank"], active=True).first()
