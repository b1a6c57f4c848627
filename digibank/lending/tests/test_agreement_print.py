"""The agreement is easy to read: one form of address ("u" in Dutch), readable type, and large
type for a person who asked for large print."""

import importlib
import re

import pytest
from django.apps import apps

from digibank.lending.agreement import LARGE_TEXT_SIZE, TEXT_SIZE, agreement_pdf, data_for_loan
from digibank.lending.defaults import DEFAULT_REGULATION_NL
from digibank.lending.models import LendingRegulation
from digibank.lending.tests.helpers import handed_over
from digibank.people import services as people_services
from digibank.testing import act

pytestmark = pytest.mark.django_db

# The size of each font that draws text: "/F2+0 12 Tf 16.8 TL (text) Tj" (reportlab also sets
# fonts it then draws nothing with, which carry no text after them).
_FONT_SIZES = re.compile(rb"/F[0-9+]+ (\d+(?:\.\d+)?) Tf [\d.]+ TL \(")


def sizes_in(loan) -> set[float]:
    pdf = agreement_pdf(data_for_loan(loan), compress=False)
    return {float(size) for size in _FONT_SIZES.findall(pdf)}


def test_the_text_is_set_in_readable_type(world):
    loan = handed_over(world.a)
    sizes = sizes_in(loan)
    assert TEXT_SIZE in sizes
    assert min(sizes - {8.0}) >= TEXT_SIZE - 1, "only the page footer is smaller"
    assert LARGE_TEXT_SIZE not in sizes


def test_a_person_who_sees_poorly_gets_large_type(world):
    loan = handed_over(world.a)
    people_services.update_person(
        person=loan.person, by=act(world.a.users["coordinator"]), large_print=True
    )
    loan.person.refresh_from_db()
    sizes = sizes_in(loan)
    assert LARGE_TEXT_SIZE in sizes
    assert TEXT_SIZE not in sizes


def test_the_standard_dutch_regulation_says_u_never_je():
    words = set(re.findall(r"\w+", DEFAULT_REGULATION_NL.lower()))
    assert not words & {"je", "jij", "jou", "jouw", "jezelf"}
    assert {"u", "uw"} <= words


def test_a_digibank_on_the_old_standard_text_gets_a_version_that_says_u(world):
    migration = importlib.import_module(
        "digibank.lending.migrations.0006_regulation_addresses_the_reader_as_u"
    )
    old = LendingRegulation.objects.filter(digibank=world.a.digibank).order_by("-version").first()
    old.text_nl = migration.OLD_TEXT_NL
    old.save()
    own = LendingRegulation.objects.filter(digibank=world.b.digibank).order_by("-version").first()
    own.text_nl = "Ons eigen reglement."
    own.save()
    migration.publish_polite_text(apps, None)
    newest = LendingRegulation.objects.filter(digibank=world.a.digibank).order_by("-version")[0]
    assert newest.version == old.version + 1
    assert newest.text_nl == DEFAULT_REGULATION_NL
    assert newest.text_fr == old.text_fr
    assert LendingRegulation.objects.filter(digibank=world.b.digibank).count() == 1, (
        "a text of the digibank's own is kept"
    )
