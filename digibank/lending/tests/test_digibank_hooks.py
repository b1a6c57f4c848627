"""What lending does when the tenancy layer creates a digibank (`organisations.hooks`)."""

from digibank.lending.defaults import DEFAULT_RULES
from digibank.lending.models import EligibilityRule
from digibank.lending.services import current_regulation
from digibank.organisations import services as organisation_services
from digibank.organisations.permissions import SYSTEM


def test_a_new_digibank_starts_with_the_standard_rules_and_regulation(world):
    digibank = organisation_services.create_digibank(
        by=SYSTEM, region=world.region, name="Digibank Gent", slug="gent"
    )

    codes = set(EligibilityRule.objects.filter(digibank=digibank).values_list("code", flat=True))
    assert codes == {rule.code for rule in DEFAULT_RULES}
    assert current_regulation(digibank) is not None
