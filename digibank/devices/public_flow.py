"""The public "I want to donate devices" pages: one question per page, answers kept in the session.

A company (or anyone) tells us where it is, what it wants to give and how we get it; nothing is
saved until they accept on the "Check your answers" page, which makes an offered donation for
the digibank that serves their municipality and shows a reference code.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.fields import max_length
from digibank.core.forms import Form, PhoneField, TelInput, not_marked_optional
from digibank.core.question_flow import Answers, FlowUrls, QuestionFlow, Step
from digibank.devices.forms import COUNTED_KINDS, CountsMixin, capitalised
from digibank.devices.models import Delivery, DeviceKind, Donation, DonorKind
from digibank.organisations import postcode_steps
from digibank.people.validators import validate_free_text

# The kinds a company can offer on the public page: all that intake counts but data SIMs.
OFFERED_KINDS = [kind for kind in COUNTED_KINDS if kind != DeviceKind.DATA_SIM]


class PostcodeForm(postcode_steps.PostcodeForm):
    postcode = postcode_steps.postcode_field(
        _("What is the postcode of your company?"),
        help_text=_("We pass your offer to the digibank of your municipality. For example: 2800."),
        required=_("Enter the postcode."),
    )
    no_digibank = _(
        "There is no digibank for postcode %(postcode)s yet. Check the postcode, "
        "or contact the digibank of a municipality nearby."
    )


def _text(label: Any, model_field: str, **extra: Any) -> forms.CharField:
    field = forms.CharField(
        label=label,
        max_length=max_length(Donation, model_field),
        validators=[validate_free_text],
        **extra,
    )
    return field


class DevicesForm(CountsMixin, Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_count_fields(OFFERED_KINDS)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.errors and not self.counts():
            raise forms.ValidationError(_("Enter how many devices of at least one kind."))
        return data

    def as_answers(self) -> dict[str, Any]:
        return {"expected_counts": self.counts()}


DELIVERY_CHOICES = [
    (Delivery.DROP_OFF.value, _("We bring them to the digibank")),
    (Delivery.PICK_UP.value, _("Please pick them up at our address")),
]


class DeliveryForm(Form):
    delivery = forms.ChoiceField(
        label=_("How do the devices get to us?"),
        choices=DELIVERY_CHOICES,
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
        help_text=_("Give an email address, a phone number or both."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )
    contact_phone = PhoneField(
        label=_("Phone number"),
        max_length=Donation._meta.get_field("contact_phone").max_length,
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        not_marked_optional(self, "contact_email", "contact_phone")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
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


def _counts_initial(answers: Answers) -> dict[str, Any]:
    counts = answers.get("expected_counts") or {}
    return {f"count_{kind}": count for kind, count in counts.items()}


def _forget_address_unless_picked_up(answers: Answers) -> Answers:
    if answers["delivery"] != Delivery.PICK_UP:
        answers.pop("street", None)
    return answers


def _certificate_initial(answers: Answers) -> dict[str, Any]:
    if "wants_certificate" not in answers:
        return {}
    return {"wants_certificate": "yes" if answers["wants_certificate"] else "no"}


STEPS = (
    postcode_steps.postcode_step(PostcodeForm, _("What is the postcode of your company?")),
    postcode_steps.digibank_step(_("Which digibank do you want to give to?")),
    Step(
        "devices",
        DevicesForm,
        _("How many devices do you want to give?"),
        ("expected_counts",),
        heading=_("How many devices do you want to give?"),
        initial_from=_counts_initial,
        answers_from=DevicesForm.as_answers,
    ),
    Step(
        "delivery",
        DeliveryForm,
        _("How do the devices get to us?"),
        ("delivery",),
        then=_forget_address_unless_picked_up,
    ),
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
        initial_from=_certificate_initial,
    ),
)
FLOW = QuestionFlow(
    STEPS,
    session_key="devices_donation_offer",
    done_key="devices_donation_offered",
    urls=FlowUrls(
        start="devices:donate_start",
        step="devices:donate_step",
        check="devices:donate_check",
        sent="devices:donate_sent",
    ),
)


def offer_fields(answers: Answers) -> dict[str, Any]:
    """The answers as the fields of `services.offer_donation`."""
    from digibank.organisations.services import municipality_for_postcode

    digibank = postcode_steps.digibank_of(answers)
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
