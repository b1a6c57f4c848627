"""What people does on the tenancy layer's hooks: target groups for a new digibank, and the count
of residents on the region pages."""

from digibank.organisations import queries
from digibank.organisations import services as organisation_services
from digibank.organisations.permissions import SYSTEM
from digibank.people.models import TargetGroup
from digibank.people.services.target_groups import DEFAULT_TARGET_GROUPS


def test_a_new_digibank_starts_with_the_usual_target_groups(world):
    digibank = organisation_services.create_digibank(
        by=SYSTEM, region=world.region, name="Digibank Gent", slug="gent"
    )

    codes = set(TargetGroup.objects.filter(digibank=digibank).values_list("code", flat=True))
    assert codes == {code for code, _name in DEFAULT_TARGET_GROUPS}


def test_the_region_figures_count_the_residents_of_each_digibank(world):
    figures = {d.slug: d for d in queries.region_digibanks(world.region)}

    assert figures[world.a.digibank.slug].resident_count == 2
    assert figures[world.b.digibank.slug].resident_count == 2
