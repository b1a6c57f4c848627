"""The first steps of the public flows: the postcode, then which digibank serves it."""

from __future__ import annotations

import pytest

from digibank.organisations import postcode_steps
from digibank.organisations import services as organisation_services
from digibank.organisations.models import Municipality
from digibank.organisations.permissions import SYSTEM


@pytest.mark.django_db
def test_a_postcode_served_by_one_digibank_chooses_it(world):
    answers = postcode_steps.choose_digibank({"postcode": "2800", "digibank": world.b.digibank.pk})
    assert answers["digibank"] == world.a.digibank.pk
    assert not postcode_steps.several_digibanks_serve(answers)
    assert postcode_steps.digibank_of(answers) == world.a.digibank


@pytest.mark.django_db
def test_a_new_postcode_keeps_a_digibank_that_serves_it_and_forgets_one_that_does_not(world):
    mechelen = Municipality.objects.get(nis_code="12025")
    rivierenland = organisation_services.create_digibank(
        by=SYSTEM,
        region=world.region,
        name="Digibank Rivierenland",
        slug="rivierenland",
        municipalities=[mechelen],
    )
    kept = postcode_steps.choose_digibank({"postcode": "2800", "digibank": rivierenland.pk})
    assert kept["digibank"] == rivierenland.pk
    assert postcode_steps.several_digibanks_serve(kept)
    forgotten = postcode_steps.choose_digibank(
        {"postcode": "2800", "digibank": world.b.digibank.pk}
    )
    assert "digibank" not in forgotten


@pytest.mark.django_db
def test_the_digibank_question_lists_the_digibanks_of_the_postcode(world):
    world.b.digibank.municipalities.add(Municipality.objects.get(nis_code="12025"))
    which = postcode_steps.digibank_step("Which one?")
    form = which.form({"postcode": "2800"})
    assert form.fields["digibank"].label == "Which one?"
    assert {name for _, name in form.fields["digibank"].choices} == {
        world.a.digibank.name,
        world.b.digibank.name,
    }
    assert not which.form({"postcode": "2800"}, {}).is_valid()
    chosen = which.form({"postcode": "2800"}, {"digibank": str(world.b.digibank.pk)})
    assert chosen.is_valid()
    assert which.store({"postcode": "2800"}, chosen)["digibank"] == world.b.digibank.pk


@pytest.mark.django_db
def test_a_postcode_without_a_digibank_gets_the_message_of_the_flow(world):
    class PostcodeForm(postcode_steps.PostcodeForm):
        postcode = postcode_steps.postcode_field("Postcode", help_text="", required="Enter it.")
        no_digibank = "Nobody serves %(postcode)s."

    assert PostcodeForm({"postcode": "1000"}).errors["postcode"] == ["Nobody serves 1000."]
    assert PostcodeForm({"postcode": ""}).errors["postcode"] == ["Enter it."]
    assert "4 digits" in PostcodeForm({"postcode": "28000"}).errors["postcode"][0]
    assert PostcodeForm({"postcode": " 2800 "}).is_valid()
