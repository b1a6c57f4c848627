"""Phone numbers however they are typed: stored in E.164, shown as a Belgian writes them."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template

from digibank.core.forms import Form, PhoneField
from digibank.core.phones import (
    display_phone,
    e164_or_unchanged,
    normalise_phone,
    phone_text,
    phone_to_store,
    validate_phone,
)

# (typed, stored in E.164, shown on a page)
GOOD = [
    # Belgian mobiles, in the notations people use
    ("0470 12 34 56", "+32470123456", "0470 12 34 56"),
    ("0470123456", "+32470123456", "0470 12 34 56"),
    ("0470/12.34.56", "+32470123456", "0470 12 34 56"),
    ("0470-12-34-56", "+32470123456", "0470 12 34 56"),
    ("+32 470 12 34 56", "+32470123456", "0470 12 34 56"),
    ("+32470123456", "+32470123456", "0470 12 34 56"),
    ("0032 470 12 34 56", "+32470123456", "0470 12 34 56"),
    ("+32 (0)470 12 34 56", "+32470123456", "0470 12 34 56"),
    ("  0499 00 11 22 ", "+32499001122", "0499 00 11 22"),
    # Belgian landlines: zones of one and of two digits, free numbers
    ("015 29 77 00", "+3215297700", "015 29 77 00"),
    ("(015) 21.34.56", "+3215213456", "015 21 34 56"),
    ("015/21-34-56", "+3215213456", "015 21 34 56"),
    ("02 511 22 33", "+3225112233", "02 511 22 33"),
    ("+32 2 511 22 33", "+3225112233", "02 511 22 33"),
    ("09 223 45 67", "+3292234567", "09 223 45 67"),
    ("0032 9 223 45 67", "+3292234567", "09 223 45 67"),
    ("0800 12 345", "+3280012345", "0800 12 345"),
    # Foreign numbers, with their country code, shown in the international form
    ("+31 6 12345678", "+31612345678", "+31 6 12345678"),
    ("0031 20 123 4567", "+31201234567", "+31 20 123 4567"),
    ("+33 6 12 34 56 78", "+33612345678", "+33 6 12 34 56 78"),
    ("+44 20 7946 0958", "+442079460958", "+44 20 7946 0958"),
    ("+49 30 1234567", "+49301234567", "+49 30 1234567"),
    ("+352 621 123 456", "+352621123456", "+352 621 123 456"),
]

BAD = [
    "12",
    "0470",  # too short
    "0470 12 34 5",  # one digit short
    "04701234567",  # one digit too many
    "+32 470 12 34 567",
    "01521345",  # 8 digits: a zone-15 number has 9
    "call me",
    "٠٤٧٠١٢٣٤٥٦",  # Arabic-Indic digits: no gateway dials them
    "0470 12 34 56 78 90 12 34",
    "32+ 470 12 34 56",
    "+999 123 456",  # no such country code
    "<script>",
]


@pytest.mark.parametrize(("typed", "stored", "shown"), GOOD)
def test_it_stores_a_number_in_e164_and_shows_it_as_people_write_it(typed, stored, shown):
    assert normalise_phone(typed) == stored
    validate_phone(typed)
    assert phone_text(stored) == shown
    display = display_phone(stored)
    assert display is not None
    assert display.href == f"tel:{stored}"
    assert not display.unchecked


@pytest.mark.parametrize("typed", BAD)
def test_it_refuses_what_is_not_a_phone_number(typed):
    with pytest.raises(ValidationError) as error:
        normalise_phone(typed)
    assert error.value.code == "phone"


def test_an_empty_number_is_no_number():
    assert normalise_phone("  ") == ""
    assert display_phone("") is None
    assert phone_text("") == ""


@pytest.mark.parametrize(("old", "migrated"), [*[(t, s) for t, s, _ in GOOD], ("0470", "0470")])
def test_the_migration_keeps_an_unreadable_old_value_as_it_was(old, migrated):
    assert e164_or_unchanged(old) == migrated


def test_an_unreadable_old_value_is_shown_as_typed_and_flagged():
    display = display_phone("bel de receptie")
    assert display is not None
    assert (display.text, display.href, display.unchecked) == ("bel de receptie", "", True)


def test_an_unreadable_old_value_is_kept_until_it_is_changed():
    assert phone_to_store("bel de receptie", stored="bel de receptie") == "bel de receptie"
    assert phone_to_store("0470 12 34 56", stored="bel de receptie") == "+32470123456"
    with pytest.raises(ValidationError):
        phone_to_store("nog steeds fout", stored="bel de receptie")


def test_the_template_tag_gives_a_tap_to_call_link():
    template = Template("{% load phones %}{% phone_link number %}|{% phone_link old quiet=True %}")
    html = template.render(Context({"number": "+3215297700", "old": "bel ons"}))
    assert html == '<a href="tel:+3215297700" class="phone">015 29 77 00</a>|bel ons'
    staff = Template("{% load phones %}{% phone_link old %}").render(Context({"old": "bel ons"}))
    assert "bel ons" in staff
    assert "tag--red" in staff


class PhoneForm(Form):
    phone = PhoneField(label="Phone number")


@pytest.mark.parametrize(("typed", "stored", "_shown"), GOOD)
def test_the_form_field_cleans_to_e164(typed, stored, _shown):
    form = PhoneForm({"phone": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize("typed", BAD)
def test_the_form_field_refuses_a_bad_number(typed):
    form = PhoneForm({"phone": typed})
    assert not form.is_valid()
    assert "0470 12 34 56" in form.errors["phone"][0]


def test_the_form_field_shows_a_stored_number_in_the_national_form():
    form = PhoneForm(initial={"phone": "+32470123456"})
    html = str(form["phone"])
    assert 'value="0470 12 34 56"' in html
    assert 'type="tel"' in html
    assert isinstance(form.fields["phone"].widget, forms.TextInput)
