"""The one postcode rule, used by every form, API and service (phone numbers: test_phones.py)."""

import pytest
from django.core.exceptions import ValidationError

from digibank.core.validators import validate_postcode


@pytest.mark.parametrize("postcode", ["1000", "2800", "9999"])
def test_it_accepts_belgian_postcodes(postcode):
    validate_postcode(postcode)


@pytest.mark.parametrize("postcode", ["280", "28000", "0800", "٢٨٠٠", "abcd", " 2800"])
def test_it_refuses_what_is_not_a_belgian_postcode(postcode):
    with pytest.raises(ValidationError) as error:
        validate_postcode(postcode)
    assert error.value.code == "postcode"
