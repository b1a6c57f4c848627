"""The first two steps of both public question flows: the postcode, then which digibank.

"I want to donate devices" (devices) and "I need a device" (lending) both start by finding the
digibank that serves the visitor's postcode; where several serve it, the visitor chooses. The flow
engine itself (`digibank.core.question_flow`) knows no digibank, so these steps live here, in the
tenancy layer, for every domain's public flow to use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, form_field
from digibank.core.question_flow import Answers, Step
from digibank.core.validators import validate_postcode
from digibank.organisations.models import Digibank

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def digibanks_for_postcode(postcode: str) -> list[Digibank]:
    """The active digibanks that serve a municipality with this postcode."""
    banks = Digibank.objects.filter(active=True).prefetch_related("municipalities").order_by("name")
    return [
        bank
        for bank in banks
        if any(postcode in municipality.postcodes for municipality in bank.municipalities.all())
    ]


def chosen(digibank: Digibank | None) -> Digibank:
    """The digibank of a "check your answers" page that `ready` let through.

    `check_page` calls `submit` only when `ready` (the digibank still exists), so None here is a
    programming error."""
    if digibank is None:
        raise LookupError("submit ran for answers without a digibank")
    return digibank


def digibank_of(answers: Answers) -> Digibank | None:
    if "digibank" not in answers:
        return None
    return Digibank.objects.filter(pk=answers["digibank"], active=True).first()


def postcode_field(
    label: StrOrPromise, *, help_text: StrOrPromise, required: StrOrPromise
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=4,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 4}
        ),
        error_messages={
            "required": required,
            "max_length": _("Enter a postcode of 4 digits, like 2800."),
        },
    )


class PostcodeForm(Form):
    """Declare `postcode = postcode_field(...)` and the message when no digibank serves it yet."""

    no_digibank: StrOrPromise  # with %(postcode)s

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        validate_postcode(postcode)
        if not digibanks_for_postcode(postcode):
            raise forms.ValidationError(self.no_digibank % {"postcode": postcode})
        return postcode


def choose_digibank(answers: Answers) -> Answers:
    """Choose the only digibank for the postcode; a new postcode forgets a choice it rules out."""
    banks = digibanks_for_postcode(answers["postcode"])
    if len(banks) == 1:
        answers["digibank"] = banks[0].pk
    elif answers.get("digibank") not in {bank.pk for bank in banks}:
        answers.pop("digibank", None)
    return answers


def postcode_step(form_class: type[PostcodeForm], title: StrOrPromise) -> Step:
    return Step("postcode", form_class, title, ("postcode",), then=choose_digibank)


class DigibankChoiceForm(Form):
    digibank = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a digibank.")},
    )

    def __init__(self, *args: Any, postcode: str = "", question: Any = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "digibank", forms.ChoiceField)
        field.label = question
        field.choices = [(bank.pk, bank.name) for bank in digibanks_for_postcode(postcode)]


def several_digibanks_serve(answers: Answers) -> bool:
    return len(digibanks_for_postcode(answers.get("postcode", ""))) > 1


def digibank_step(question: StrOrPromise) -> Step:
    """Which digibank, asked only when several serve the postcode; `question` is its label."""
    return Step(
        "digibank",
        DigibankChoiceForm,
        question,
        ("digibank",),
        applies=several_digibanks_serve,
        form_kwargs=lambda answers: {"postcode": answers.get("postcode", ""), "question": question},
    )
