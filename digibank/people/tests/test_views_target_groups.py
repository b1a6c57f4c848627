import pytest
from django.urls import reverse

from digibank.people import services
from digibank.people.models import TargetGroup

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"people:{name}", kwargs={"digibank": "mechelen", **kwargs})


@pytest.fixture
def coordinator(client, world):
    services.ensure_default_target_groups(world.a.digibank)
    client.force_login(world.users["coordinator"])
    return client


def test_the_page_lists_the_groups(coordinator):
    body = coordinator.get(url("target_groups")).content.decode()
    assert "65-plussers" in body
    assert "Werkzoekenden" in body


def test_a_coordinator_adds_a_group(coordinator, world):
    response = coordinator.post(url("target_groups"), {"name": "Mantelzorgers"})
    assert response.status_code == 302
    assert TargetGroup.objects.filter(digibank=world.a.digibank, name="Mantelzorgers").exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Fill in “Name of the target group”"),
        ("x" * 10_000, "80"),
        ("65-PLUSSERS", "already a target group"),
        ("85.07.30-033.28", "national register number"),
    ],
)
def test_a_bad_name_gets_a_message_and_is_kept(coordinator, world, name, message):
    response = coordinator.post(url("target_groups"), {"name": name})
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'id="id_name_error"' in body
    assert TargetGroup.objects.filter(digibank=world.a.digibank).count() == 8


def test_emoji_and_right_to_left_names_are_fine(coordinator, world):
    coordinator.post(url("target_groups"), {"name": "نساء 🙂"})
    assert TargetGroup.objects.filter(digibank=world.a.digibank, name="نساء 🙂").exists()


def test_a_coordinator_renames_a_group(coordinator, world):
    group = TargetGroup.objects.get(digibank=world.a.digibank, code="65plus")
    assert (
        'value="65-plussers"'
        in coordinator.get(url("target_group_edit", group_id=group.pk)).content.decode()
    )
    response = coordinator.post(url("target_group_edit", group_id=group.pk), {"name": "Senioren"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Senioren"
    assert group.code == "65plus"


def test_a_coordinator_switches_a_group_off_and_on(coordinator, world):
    group = TargetGroup.objects.get(digibank=world.a.digibank, code="pupil")
    coordinator.post(url("target_group_toggle", group_id=group.pk))
    group.refresh_from_db()
    assert not group.active
    form = coordinator.get(reverse("people:create", kwargs={"digibank": "mechelen"}))
    assert 'value="pupil"' not in form.content.decode()
    coordinator.post(url("target_group_toggle", group_id=group.pk))
    group.refresh_from_db()
    assert group.active


def test_another_digibanks_group_is_a_404(coordinator, world):
    services.ensure_default_target_groups(world.b.digibank)
    theirs = TargetGroup.objects.filter(digibank=world.b.digibank).first()
    assert coordinator.get(url("target_group_edit", group_id=theirs.pk)).status_code == 404
    assert coordinator.post(url("target_group_toggle", group_id=theirs.pk)).status_code == 404
