"""The public "I want to donate devices" pages: one question per page, answers kept in the session.

A company (or anyone) tells us where it is, what it wants to give and how we get it; nothing is
saved until they accept on the "Check your answers" page, which makes an offered donation for
the digibank that serves their municipality and shows a reference code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form
from digibank.devices.forms import CountsMixin, capitalised
from digibank.devices.models import Delivery, DeviceKind, Donation, DonorKind
from digibank.organisations.models import Digibank
from digibank.people.validators import validate_free_text, validate_phone, validate_postcode

SESSION_KEY = "devices_donation_offer"
DONE_KEY = "devices_donation_offered"

OFFERED_KINDS = [
    DeviceKind.LAPTOP,
    DeviceKind.DESKTOP,
    DeviceKind.SCREEN,
    DeviceKind.TABLET,
    DeviceKind.SMARTPHONE,
    DeviceKind.HOTSPOT,
    DeviceKind.KEYBOARD,
    DeviceKind.MOUSE,
    DeviceKind.WEBCAM,
    DeviceKind.HEADSET,
]


def digibanks_for_postcode(postcode: str) -> list[Digibank]:
    """The active digibanks that serve a municipality with this postcode."""
    banks = Digibank.objects.filter(active=True).prefetch_related("municipalities").order_by("name")
    return [
        bank
        for bank in banks
        if any(postcode in municipality.postcodes for municipality in bank.municipalities.all())
    ]


def _text(label: Any, model_field: str, **extra: Any) -> forms.CharField:
    field = forms.CharField(
        label=label,
        max_length=Donation._meta.get_field(model_field).max_length,
        validators=[validate_free_text],
        **extra,
    )
    return field


class PostcodeForm(Form):
    postcode = forms.CharField(
        label=_("What is the postcode of your company?"),
        max_length=4,
        help_text=_("We pass your offer to the digibank of your municipality. For example: 2800."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 4}
        ),
        error_messages={
            "required": _("Enter the postcode."),
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
                    "or contact the digibank of a municipality nearby."
                )
                % {"postcode": postcode}
            )
        return postcode


class DigibankChoiceForm(Form):
    digibank = forms.TypedChoiceField(
        label=_("Which digibank do you want to give to?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a digibank.")},
    )

    def __init__(self, *args: Any, postcode: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["digibank"].choices = [
            (bank.pk, bank.name) for bank in digibanks_for_postcode(postcode)
        ]


class DevicesForm(CountsMixin, Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_count_fields(OFFERED_KINDS)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not self.counts():
            raise forms.ValidationError(_("Enter how many devices of at least one kind."))
        return data

    def as_answers(self) -> dict[str, Any]:
        return {"expected_counts": self.counts()}


class DeliveryForm(Form):
    delivery = forms.ChoiceField(
        label=_("How do the devices get to us?"),
        choices=[
            (Delivery.DROP_OFF.value, _("We bring them to the digibank")),
            (Delivery.PICK_UP.value, _("Please pick them up at our address")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the devices get to us.")},
    )


class AddressForm(Form):
    street = _text(
        _("Where do we pick the devices up?"),
        "street",
        help_text=_("Street and number, in the postcode you gave."),
        error_messages={"required": _("Enter the street and number.")},
    )


class CompanyForm(Form):
    donor_name = _text(
        _("Name of your company or organisation"),
        "donor_name",
        error_messages={"required": _("Enter the name of your company or organisation.")},
    )
    company_number = _text(
        _("Company number"),
        "company_number",
        required=False,
        help_text=_("For example 0123.456.789. It helps us write the certificate."),
    )


class ContactForm(Form):
    contact_name = _text(
        _("Your name"),
        "contact_name",
        error_messages={"required": _("Enter your name.")},
    )
    contact_email = forms.EmailField(
        label=_("Email address"),
        max_length=Donation._meta.get_field("contact_email").max_length,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )
    contact_phone = forms.CharField(
        label=_("Phone number"),
        max_length=Donation._meta.get_field("contact_phone").max_length,
        required=False,
        help_text=_("Give an email address, a phone number or both."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean_contact_phone(self) -> str:
        value = self.cleaned_data.get("contact_phone", "").strip()
        if value:
            validate_phone(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not (data.get("contact_email") or data.get("contact_phone")):
            self.add_error(
                "contact_email", _("Enter an email address or a phone number, so we can reply.")
            )
        return data


class CertificateForm(Form):
    wants_certificate = forms.TypedChoiceField(
        label=_("Do you want a certificate of data erasure?"),
        help_text=_(
            "It lists every device by serial number, how its data was erased, when and by whom."
        ),
        choices=capitalised(
            [("yes", _("Yes, send us the certificate")), ("no", _("No, not needed"))]
        ),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[Form]
    title: Promise
    keys: tuple[str, ...]
    applies: Callable[[dict[str, Any]], bool] = lambda answers: True
    heading: Promise | None = None  # several fields on one page need a heading of their own

    def is_done(self, answers: dict[str, Any]) -> bool:
        return all(key in answers for key in self.keys)

    def form_kwargs(self, answers: dict[str, Any]) -> dict[str, Any]:
        if self.form_class is DigibankChoiceForm:
            return {"postcode": answers.get("postcode", "")}
        return {}

    def initial(self, answers: dict[str, Any]) -> dict[str, Any]:
        if self.form_class is DevicesForm:
            counts = answers.get("expected_counts") or {}
            return {f"count_{kind}": count for kind, count in counts.items()}
        initial = {key: answers[key] for key in self.keys if key in answers}
        if "wants_certificate" in initial:
            initial["wants_certificate"] = "yes" if initial["wants_certificate"] else "no"
        return initial


STEPS = (
    Step("postcode", PostcodeForm, _("What is the postcode of your company?"), ("postcode",)),
    Step(
        "digibank",
        DigibankChoiceForm,
        _("Which digibank do you want to give to?"),
        ("digibank",),
        applies=lambda answers: len(digibanks_for_postcode(answers.get("postcode", ""))) > 1,
    ),
    Step(
        "devices",
        DevicesForm,
        _("How many devices do you want to give?"),
        ("expected_counts",),
        heading=_("How many devices do you want to give?"),
    ),
    Step("delivery", DeliveryForm, _("How do the devices get to us?"), ("delivery",)),
    Step(
        "address",
        AddressForm,
        _("Where do we pick the devices up?"),
        ("street",),
        applies=lambda answers: answers.get("delivery") == Delivery.PICK_UP,
    ),
    Step(
        "company",
        CompanyForm,
        _("About your company"),
        ("donor_name", "company_number"),
        heading=_("About your company"),
    ),
    Step(
        "contact",
        ContactForm,
        _("Who can we contact?"),
        ("contact_name", "contact_email", "contact_phone"),
        heading=_("Who can we contact?"),
    ),
    Step(
        "certificate",
        CertificateForm,
        _("Do you want a certificate of data erasure?"),
        ("wants_certificate",),
    ),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def applicable_steps(answers: dict[str, Any]) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def first_open_step(answers: dict[str, Any]) -> Step | None:
    return next((step for step in applicable_steps(answers) if not step.is_done(answers)), None)


def previous_step(step: Step, answers: dict[str, Any]) -> Step | None:
    steps = applicable_steps(answers)
    index = steps.index(step)
    return steps[index - 1] if index > 0 else None


def store(answers: dict[str, Any], step: Step, form: Form) -> dict[str, Any]:
    """The answers with this step's values; a new postcode forgets the digibank chosen before."""
    updated = dict(answers)
    if isinstance(form, DevicesForm):
        updated.update(form.as_answers())
    else:
        for key in step.keys:
            updated[key] = form.cleaned_data.get(key)
    if step.slug == "postcode":
        banks = digibanks_for_postcode(updated["postcode"])
        if len(banks) == 1:
            updated["digibank"] = banks[0].pk
        elif updated.get("digibank") not in {bank.pk for bank in banks}:
            updated.pop("digibank", None)
    if step.slug == "delivery" and updated["delivery"] != Delivery.PICK_UP:
        updated.pop("street", None)
    return updated


def digibank_of(answers: dict[str, Any]) -> Digibank | None:
    if "digibank" not in answers:
        return None
    return Digibank.objects.filter(pk=answers["digibank"], active=True).first()


def offer_fields(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers as the fields of `services.offer_donation`."""
    from digibank.organisations.services import municipality_for_postcode

    digibank = digibank_of(answers)
    return {
        "donor_kind": DonorKind.COMPANY,
        "donor_name": answers["donor_name"],
        "company_number": answers.get("company_number") or "",
        "contact_name": answers["contact_name"],
        "contact_email": answers.get("contact_email") or "",
        "contact_phone": answers.get("contact_phone") or "",
        "postcode": answers["postcode"],
        "municipality": municipality_for_postcode(
            answers["postcode"], prefer=digibank.municipalities.all() if digibank else ()
        ),
        "street": answers.get("street") or "",
        "delivery": answers["delivery"],
        "expected_counts": answers["expected_counts"],
        "wants_certificate": bool(answers["wants_certificate"]),
    }
