import pytest
from django.core.exceptions import ValidationError

from digibank.people.validators import (
    contains_national_register_number,
    is_national_register_number,
    refuse_national_register_number,
    validate_name,
)

BORN_1985 = "85.07.30-033.28"  # check digits for a birth before 2000
BORN_2005 = "05.03.14-123.97"  # check digits valid only with the "2" prefix of post-2000 births


def test_it_recognises_a_register_number_of_someone_born_before_2000():
    assert is_national_register_number("85073003328")
    assert not is_national_register_number("85073003329")


def test_it_recognises_a_register_number_of_someone_born_after_2000():
    assert is_national_register_number("05031412397")
    assert not is_national_register_number("05031412396")


@pytest.mark.parametrize(
    "text",
    [
        BORN_1985,
        "85073003328",
        "85 07 30 033 28",
        "85.07.30.033-28",
        f"Rijksregister {BORN_2005}, zie kaart",
        f"line one\n{BORN_1985}",
    ],
)
def test_it_finds_a_register_number_however_it_is_written(text):
    assert contains_national_register_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "85.07.30-033.29",  # wrong check digits
        "0470 12 34 56",  # a mobile number
        "+32470123456",  # a number with a country code
        "850730033281",  # twelve digits
        "Komt op dinsdag 14/03 om 10u",
        "",
    ],
)
def test_it_leaves_other_numbers_alone(text):
    assert not contains_national_register_number(text)


def test_the_validator_explains_why_it_refuses():
    with pytest.raises(ValidationError) as error:
        refuse_national_register_number(BORN_1985)
    assert "national register number" in str(error.value)


@pytest.mark.parametrize("name", ["Élise", "Van den Broeck", "O'Neill", "يوسف", "Jean-Pierre"])
def test_it_accepts_names_in_any_script(name):
    validate_name(name)


@pytest.mark.parametrize("name", ["<script>", "Anna 🙂", "R2D2", "\u202eevil", "---"])
def test_it_refuses_names_with_other_characters(name):
    with pytest.raises(ValidationError):
        validate_name(name)
