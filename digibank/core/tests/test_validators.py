"""The one phone rule and the one postcode rule, used by every form, API and service."""

import pytest
from django.core.exceptions import ValidationError

from digibank.core.validators import validate_phone, validate_postcode


@pytest.mark.parametrize(
    "phone", ["0470 12 34 56", "+32 470 12 34 56", "(015) 21.34.56", "015/21-34-56", "01521345"]
)
def test_it_accepts_usual_phone_numbers(phone):
    validate_phone(phone)


@pytest.mark.parametrize(
    "phone",
    [
        "12",
        "1234567",  # 7 digits: too short for any Belgian number
        "call me",
        "٠٤٧٠١٢٣٤٥٦",  # Arabic-Indic digits
        "0470 12 34 56 78 90 12 34",  # 16 digits: longer than E.164 allows
        "32+ 470 12 34 56",
        "<script>",
    ],
)
def test_it_refuses_what_is_not_a_phone_number(phone):
    with pytest.raises(ValidationError) as error:
        validate_phone(phone)
    assert error.value.code == "phone"


@pytest.mark.parametrize("postcode", ["1000", "2800", "9999"])
def test_it_accepts_belgian_postcodes(postcode):
    validate_postcode(postcode)


@pytest.mark.parametrize("postcode", ["280", "28000", "0800", "٢٨٠٠", "abcd", " 2800"])
def test_it_refuses_what_is_not_a_belgian_postcode(postcode):
    with pytest.raises(ValidationError) as error:
        validate_postcode(postcode)
    assert error.value.code == "postcode"
