"""What region admins manage: the versions of the check, its statements, local competences."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import escape

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.organisations.permissions import PUBLIC, acting_in_region
from digibank.organisations.tests.helpers import BAD_INPUT, EMPTY, SCRIPT, TOO_LONG
from digibank.skills import services
from digibank.skills.content import current_tables, install_starting_set
from digibank.skills.models import Area, CheckVersion, Competence

pytestmark = pytest.mark.django_db


def _admin(world):
    return acting_in_region(world.region_users["region_admin"], world.region)


def _texts(word: str = "new") -> dict[str, str]:
    return {
        "text_nl": f"Ik kan {word}.",
        "text_fr": f"Je peux {word}.",
        "text_en": f"I can {word}.",
    }


def test_a_new_version_starts_as_a_draft_copy_and_is_published_later(world):
    admin = _admin(world)
    draft = services.start_draft_version(region=world.region, by=admin)
    assert draft.number == 2 and draft.is_draft
    assert draft.statements.count() == 45 and draft.knowledge_items.count() == 9
    assert services.start_draft_version(region=world.region, by=admin) == draft
    statement = draft.statements.get(key="FS01")
    competence = Competence.objects.get(code="FS.2")
    services.update_statement(
        statement=statement, by=admin, competence=competence, level=2, **_texts("tap")
    )
    # Residents still take version 1 until the draft is published.
    assert services.start_check(region=world.region, by=PUBLIC, language="nl").version.number == 1
    services.publish_version(version=draft, by=admin)
    check = services.start_check(region=world.region, by=PUBLIC, language="nl")
    assert check.version == draft
    assert check.version.statements.get(key="FS01").text_en == "I can tap."
    entry = AuditEntry.objects.filter(object_type="skills.statement").get()
    assert set(entry.fields) == {"text_nl", "text_fr", "text_en", "competence", "level"}


def test_a_published_version_never_changes(world):
    admin = _admin(world)
    version = CheckVersion.objects.get(region=world.region)
    statement = version.statements.first()
    with pytest.raises(DomainError):
        services.update_statement(
            statement=statement, by=admin, competence=statement.competence, level=1, **_texts()
        )
    with pytest.raises(DomainError):
        services.remove_statement(statement=statement, by=admin)


def test_it_adds_and_removes_statements_in_a_draft(world):
    admin = _admin(world)
    draft = services.start_draft_version(region=world.region, by=admin)
    added = services.add_statement(
        version=draft, by=admin, competence=Competence.objects.get(code="4.3"), level=2, **_texts()
    )
    assert added.key == "R01" and added.area.code == "4"
    services.remove_statement(statement=added, by=admin)
    assert draft.statements.count() == 45


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"level": 5}, "level"),
        ({"text_fr": "  "}, "text_fr"),
        ({"text_en": "x" * 241}, "text_en"),
    ],
)
def test_it_refuses_a_statement_that_breaks_a_rule(world, change, field):
    admin = _admin(world)
    draft = services.start_draft_version(region=world.region, by=admin)
    values = {"competence": Competence.objects.get(code="1.1"), "level": 2, **_texts(), **change}
    with pytest.raises(DomainError) as refused:
        services.add_statement(version=draft, by=admin, **values)
    assert refused.value.field == field


def test_a_region_admin_adds_a_local_competence_only_their_region_uses(world):
    admin = _admin(world)
    area = Area.objects.get(code="FS")
    competence = services.add_local_competence(
        region=world.region,
        area=area,
        by=admin,
        name_nl="Een printer gebruiken",
        name_fr="Utiliser une imprimante",
        name_en="Use a printer",
    )
    assert competence.code == "FS.L1" and competence.is_local
    assert competence in Competence.objects.filter(region=world.region)
    other_draft = CheckVersion.objects.create(region=world.other_region, number=1)
    with pytest.raises(PermissionDenied):
        services.add_statement(
            version=other_draft, by=admin, competence=competence, level=1, **_texts()
        )
    with pytest.raises(PermissionDenied):
        services.add_local_competence(
            region=world.other_region, area=area, by=admin, name_nl="a", name_fr="b", name_en="c"
        )


def test_it_refuses_another_regions_competence_in_a_statement(world):
    install_starting_set(world.other_region, current_tables())
    foreign = Competence.objects.create(
        area=Area.objects.get(code="1"),
        region=world.other_region,
        code="1.L1",
        name_nl="x",
        name_fr="x",
        name_en="x",
    )
    admin = _admin(world)
    draft = services.start_draft_version(region=world.region, by=admin)
    with pytest.raises(DomainError):
        services.add_statement(version=draft, by=admin, competence=foreign, level=1, **_texts())


def test_a_region_analyst_may_read_but_not_change(world):
    analyst = acting_in_region(world.region_users["region_analyst"], world.region)
    with pytest.raises(PermissionDenied):
        services.start_draft_version(region=world.region, by=analyst)


def test_the_statement_page_saves_a_change_in_a_draft(client, world):
    client.force_login(world.region_users["region_admin"])
    response = client.post(reverse("skills:version_start", kwargs={"region": world.region.slug}))
    draft = CheckVersion.objects.get(region=world.region, number=2)
    assert response.url == reverse(
        "skills:region_version", kwargs={"region": world.region.slug, "version_id": draft.pk}
    )
    statement = draft.statements.get(key="IN01")
    url = reverse(
        "skills:statement_edit", kwargs={"region": world.region.slug, "statement_id": statement.pk}
    )
    competence = Competence.objects.get(code="1.1")
    response = client.post(url, {**_texts("browse"), "competence": competence.pk, "level": "1"})
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.text_nl == "Ik kan browse." and statement.level == 1
    publish = reverse(
        "skills:version_publish", kwargs={"region": world.region.slug, "version_id": draft.pk}
    )
    client.post(publish)
    draft.refresh_from_db()
    assert not draft.is_draft


def test_the_statement_page_shows_an_empty_field_next_to_it(client, world):
    client.force_login(world.region_users["region_admin"])
    draft = services.start_draft_version(region=world.region, by=_admin(world))
    url = reverse(
        "skills:statement_add", kwargs={"region": world.region.slug, "version_id": draft.pk}
    )
    response = client.post(url, {"text_nl": "", "competence": "", "level": "2"})
    assert response.status_code == 200
    assert {"text_nl", "competence"} <= set(response.context["form"].errors)


def test_the_local_competence_page_adds_one(client, world):
    client.force_login(world.region_users["region_admin"])
    url = reverse("skills:competence_add", kwargs={"region": world.region.slug})
    area = Area.objects.get(code="2")
    response = client.post(
        url, {"area": area.pk, "name_nl": "Chatten", "name_fr": "Chatter", "name_en": "Chat"}
    )
    assert response.status_code == 302
    assert Competence.objects.get(region=world.region).code == "2.L1"


@pytest.mark.parametrize("typed", BAD_INPUT)
def test_the_statement_page_handles_what_people_type(client, world, typed):
    client.force_login(world.region_users["region_admin"])
    draft = services.start_draft_version(region=world.region, by=_admin(world))
    url = reverse(
        "skills:statement_add", kwargs={"region": world.region.slug, "version_id": draft.pk}
    )
    competence = Competence.objects.get(code="1.1")
    data = {"text_nl": typed, "text_fr": typed, "text_en": typed}
    response = client.post(url, {**data, "competence": competence.pk, "level": "2"})
    if typed in (EMPTY, TOO_LONG):
        assert response.status_code == 200
        assert response.context["form"].errors["text_nl"]
        assert draft.statements.count() == 45
    else:
        assert response.status_code == 302
        added = draft.statements.get(key="R01")
        assert added.text_nl == typed
        page = client.get(
            reverse(
                "skills:region_version",
                kwargs={"region": world.region.slug, "version_id": draft.pk},
            )
        )
        assert escape(typed) in page.content.decode()
        assert SCRIPT not in page.content.decode()


def test_the_version_page_costs_the_same_queries_for_more_statements(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.region_users["region_admin"])
    admin = _admin(world)
    draft = services.start_draft_version(region=world.region, by=admin)
    url = reverse(
        "skills:region_version", kwargs={"region": world.region.slug, "version_id": draft.pk}
    )
    client.get(url)
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for word in ("print", "scan", "share"):
        services.add_statement(
            version=draft,
            by=admin,
            competence=Competence.objects.get(code="3.1"),
            level=2,
            **_texts(word),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["statements"]) == 48
