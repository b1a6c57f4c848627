"""The guides' services: every save is a new version nobody changes afterwards, a guide not
checked for GUIDE_STALE_MONTHS is stale, and only the right people write or check which guide."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.help import services
from digibank.help.models import Guide, GuideVersion, HelpTopic, stale_before
from digibank.help.tests.guide_helpers import (
    checked_long_ago,
    fields,
    local_guide,
    region_guide,
    region_topic,
)
from digibank.organisations.permissions import acting_in_region
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_writing_a_guide_makes_version_one_owned_and_checked_by_its_writer(world):
    guide = local_guide(world.a, world)
    coordinator = world.a.users["coordinator"]
    assert guide.version == 1 and guide.owner == coordinator
    assert guide.checked_on == datetime.date.today() and not guide.is_stale
    (first,) = guide.versions.all()
    assert (first.number, first.saved_by, first.note) == (1, coordinator, "First version.")
    assert first.title == guide.title and first.handout == guide.handout


def test_each_change_adds_a_version_and_keeps_the_old_text(world):
    guide = local_guide(world.a, world)
    by = act(world.a.users["coordinator"], world.a.digibank)
    new_text = fields(
        guide.topic, body="1. Open itsme.\n2. Kies 'Nieuwe telefoon'.", note="Nieuwe schermen"
    )
    services.change_guide(guide=guide, fields=new_text, by=by)
    guide.refresh_from_db()
    assert guide.version == 2 and guide.body.startswith("1. Open itsme.")
    old, new = guide.versions.order_by("number")
    assert old.body.startswith("1. Vraag of de oude telefoon") and new.note == "Nieuwe schermen"
    entry = (
        AuditEntry.objects.filter(object_type="help.guide", object_id=str(guide.pk))
        .order_by("pk")
        .last()
    )
    assert entry is not None and entry.fields == ["body"] and entry.note == "Nieuwe schermen"


def test_a_change_needs_a_note_and_a_difference(world):
    guide = local_guide(world.a, world)
    by = act(world.a.users["coordinator"], world.a.digibank)
    with pytest.raises(DomainError) as nothing:
        services.change_guide(guide=guide, fields=fields(guide.topic, note="niets"), by=by)
    assert nothing.value.field is None
    with pytest.raises(DomainError) as no_note:
        services.change_guide(guide=guide, fields=fields(guide.topic, title="Ander"), by=by)
    assert no_note.value.field == "note"
    assert guide.versions.count() == 1


def test_a_version_is_never_changed_once_written(world):
    version = local_guide(world.a, world).versions.get()
    version.note = "anders"
    with pytest.raises(ValueError):
        version.save()
    assert GuideVersion.objects.get(pk=version.pk).note == "First version."


def test_it_refuses_an_empty_title_steps_or_hand_out(world):
    by = act(world.a.users["coordinator"], world.a.digibank)
    for name in ("title", "body", "handout"):
        with pytest.raises(DomainError) as refused:
            services.write_guide(
                region=world.region,
                digibank=world.a.digibank,
                fields=fields(region_topic(world), **{name: "  "}),
                by=by,
            )
        assert refused.value.field == name
    assert not Guide.objects.exists()


def test_a_local_guide_may_not_use_another_digibanks_local_topic(world):
    other_topic = HelpTopic.objects.create(
        region=world.region, digibank=world.b.digibank, code="L-x", name_nl="x", name_fr="x"
    )
    with pytest.raises(DomainError):
        local_guide(world.a, world, topic=other_topic)


def test_a_region_guide_is_about_a_region_topic_only(world):
    own_topic = HelpTopic.objects.create(
        region=world.region, digibank=world.a.digibank, code="L-y", name_nl="y", name_fr="y"
    )
    with pytest.raises(DomainError):
        region_guide(world, topic=own_topic)


@pytest.mark.parametrize("role", ["hub_volunteer", "trainer", "referrer", "technician", "analyst"])
def test_only_the_coordinator_writes_a_local_guide(world, role):
    with pytest.raises(PermissionDenied):
        services.write_guide(
            region=world.region,
            digibank=world.a.digibank,
            fields=fields(region_topic(world)),
            by=act(world.a.users[role], world.a.digibank),
        )


def test_a_coordinator_cannot_write_or_change_a_region_guide(world):
    by = act(world.a.users["coordinator"], world.a.digibank)
    with pytest.raises(PermissionDenied):
        services.write_guide(
            region=world.region, digibank=None, fields=fields(region_topic(world)), by=by
        )
    guide = region_guide(world)
    with pytest.raises(PermissionDenied):
        services.change_guide(guide=guide, fields=fields(guide.topic, title="x", note="x"), by=by)


def test_a_region_admin_neither_writes_a_local_guide_nor_another_regions(world):
    admin = acting_in_region(world.region_users["region_admin"], world.region)
    with pytest.raises(PermissionDenied):
        services.write_guide(
            region=world.region,
            digibank=world.a.digibank,
            fields=fields(region_topic(world)),
            by=admin,
        )
    with pytest.raises(PermissionDenied):
        services.write_guide(
            region=world.other_region, digibank=None, fields=fields(region_topic(world)), by=admin
        )


def test_a_region_analyst_cannot_write_a_region_guide(world):
    analyst = acting_in_region(world.region_users["region_analyst"], world.region)
    with pytest.raises(PermissionDenied):
        region_guide_by(world, analyst)


def region_guide_by(world, by):
    return services.write_guide(
        region=world.region, digibank=None, fields=fields(region_topic(world)), by=by
    )


def test_another_digibanks_coordinator_cannot_change_a_local_guide(world):
    guide = local_guide(world.a, world)
    with pytest.raises(PermissionDenied):
        services.change_guide(
            guide=guide,
            fields=fields(guide.topic, title="Overgenomen", note="x"),
            by=act(world.b.users["coordinator"], world.b.digibank),
        )


def test_a_guide_not_checked_for_the_set_months_is_stale(world, settings):
    settings.GUIDE_STALE_MONTHS = 6
    guide = local_guide(world.a, world)
    assert stale_before(datetime.date(2026, 8, 31)) == datetime.date(2026, 2, 28)
    assert stale_before(datetime.date(2026, 12, 3)) == datetime.date(2026, 6, 3)
    checked_long_ago(guide, days=190)
    assert guide.is_stale
    settings.GUIDE_STALE_MONTHS = 12
    assert not guide.is_stale


def test_a_hub_volunteer_marks_a_local_guide_checked_and_the_audit_trail_says_so(world):
    guide = checked_long_ago(local_guide(world.a, world))
    volunteer = world.a.users["hub_volunteer"]
    services.mark_guide_checked(guide=guide, by=act(volunteer, world.a.digibank))
    guide.refresh_from_db()
    assert not guide.is_stale and guide.checked_by == volunteer and guide.version == 1
    entry = AuditEntry.objects.filter(object_type="help.guide").order_by("pk").last()
    assert entry is not None and entry.fields == ["checked_on"] and entry.actor == volunteer


@pytest.mark.parametrize("role", ["trainer", "referrer", "analyst"])
def test_roles_that_only_read_cannot_mark_a_guide_checked(world, role):
    guide = checked_long_ago(local_guide(world.a, world))
    with pytest.raises(PermissionDenied):
        services.mark_guide_checked(guide=guide, by=act(world.a.users[role], world.a.digibank))


def test_only_the_region_admin_marks_a_region_guide_checked(world):
    guide = checked_long_ago(region_guide(world))
    with pytest.raises(PermissionDenied):
        services.mark_guide_checked(
            guide=guide, by=act(world.a.users["coordinator"], world.a.digibank)
        )
    admin = acting_in_region(world.region_users["region_admin"], world.region)
    services.mark_guide_checked(guide=guide, by=admin)
    guide.refresh_from_db()
    assert not guide.is_stale


def test_saving_a_new_version_counts_as_checking_it(world):
    guide = checked_long_ago(local_guide(world.a, world))
    by = act(world.a.users["coordinator"], world.a.digibank)
    services.change_guide(guide=guide, fields=fields(guide.topic, title="Nieuw", note="x"), by=by)
    guide.refresh_from_db()
    assert not guide.is_stale
