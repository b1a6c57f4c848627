"""Forms that forgive: a decimal comma in Dutch and French, and "required" messages that name
their field so the error summary at the top says what each line is about."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from digibank.core.forms import Form, ModelForm, not_marked_optional
from digibank.organisations.models import Hub


class SizeForm(Form):
    screen = forms.DecimalField(label="Screen size", max_digits=4, decimal_places=1)
    weight = forms.FloatField(label="Weight", required=False)


# (language, typed, read)
DECIMALS = [
    ("nl", "15,6", Decimal("15.6")),
    ("nl", "15.6", Decimal("15.6")),
    ("nl", " 14 ", Decimal("14")),
    ("fr", "15,6", Decimal("15.6")),
    ("fr", "15.6", Decimal("15.6")),
    ("en", "15.6", Decimal("15.6")),
]


@pytest.mark.parametrize(("language", "typed", "read"), DECIMALS)
def test_it_reads_a_decimal_comma_in_dutch_and_french(language, typed, read):
    with translation.override(language):
        form = SizeForm({"screen": typed, "weight": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["screen"] == read
    assert form.cleaned_data["weight"] == pytest.approx(float(read))


@pytest.mark.parametrize(("language", "typed"), [("nl", "15,6,1"), ("fr", "vijftien"), ("en", "x")])
def test_it_still_refuses_what_is_no_number(language, typed):
    with translation.override(language):
        form = SizeForm({"screen": typed})
        assert not form.is_valid()
    assert "screen" in form.errors


def test_a_number_field_is_a_text_input_that_asks_for_the_decimal_keyboard():
    with translation.override("nl"):
        form = SizeForm(initial={"screen": Decimal("15.6")})
        html = str(form["screen"])
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
    assert 'value="15,6"' in html, "a Dutch page shows the number with a comma too"


class HubCoordinatesForm(ModelForm):
    class Meta:
        model = Hub
        fields = ["latitude", "longitude"]


def test_model_forms_read_the_decimal_comma_too():
    with translation.override("fr"):
        form = HubCoordinatesForm({"latitude": "51,0259", "longitude": "4,4776"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["latitude"] == Decimal("51.0259")


class ContactForm(Form):
    postcode = forms.CharField(label="Postcode")
    kind = forms.ChoiceField(label="Kind of partner", choices=[("a", "A"), ("b", "B")])
    agree = forms.BooleanField(label="I agree")
    document = forms.FileField(label="Signed agreement")
    code = forms.CharField(label="Code", error_messages={"required": "Enter your code."})


def test_each_required_message_names_its_field():
    form = ContactForm({})
    assert not form.is_valid()
    assert form.errors["postcode"] == ["Fill in “Postcode”."]
    assert form.errors["kind"] == ["Choose an answer for “Kind of partner”."]
    assert form.errors["agree"] == ["Tick “I agree” to go on."]
    assert form.errors["document"] == ["Choose a file for “Signed agreement”."]
    assert form.errors["code"] == ["Enter your code."], "a message of the form's own is kept"
    messages = [message for errors in form.errors.values() for message in errors]
    assert len(set(messages)) == len(messages), "no two lines of the summary read the same"


def test_the_required_message_speaks_the_page_language():
    with translation.override("nl"):
        form = ContactForm({})
        assert not form.is_valid()
    assert form.errors["postcode"] == ["Vul ‘Postcode’ in."]


class ReachForm(Form):
    email = forms.EmailField(label="Email address", required=False)
    phone = forms.CharField(label="Phone number", required=False)
    notes = forms.CharField(label="Notes", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        not_marked_optional(self, "email", "phone")


def test_a_field_needed_in_some_cases_is_not_marked_optional():
    html = str(ReachForm())
    assert html.count("(optional)") == 1, "only the notes are really optional"
    assert 'Notes <span class="optional">(optional)</span>' in html
