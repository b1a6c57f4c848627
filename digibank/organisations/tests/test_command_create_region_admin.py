import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from digibank.core.models import AuditEntry, User
from digibank.organisations.models import Region, RegionMembership, RegionRole
from digibank.testing import PASSWORD

PASSWORD_LINE = re.compile(r"Initial password \(shown only this once\): (\S+)")


def run(
    *,
    slug: str = "vlaanderen",
    name: str = "Vlaanderen",
    username: str = "jan",
    email: str = "jan@example.be",
    extra: tuple[str, ...] = (),
) -> str:
    out = StringIO()
    call_command(
        "create_region_admin",
        "--region-slug",
        slug,
        "--region-name",
        name,
        "--username",
        username,
        "--email",
        email,
        *extra,
        stdout=out,
    )
    return out.getvalue()


def counts() -> tuple[int, int, int, int]:
    return (
        Region.objects.count(),
        User.objects.count(),
        RegionMembership.objects.count(),
        AuditEntry.objects.count(),
    )


def test_it_creates_the_region_the_account_and_the_region_admin_role(db):
    output = run(extra=("--first-name", "Jan", "--last-name", "Peeters"))

    region = Region.objects.get(slug="vlaanderen")
    user = User.objects.get(username="jan")
    assert region.name == "Vlaanderen"
    assert (user.email, user.first_name, user.last_name) == ("jan@example.be", "Jan", "Peeters")
    assert RegionMembership.objects.filter(user=user, region=region, role=RegionRole.ADMIN).exists()
    assert AuditEntry.objects.filter(
        object_type="organisations.region", object_id=region.pk
    ).exists()
    assert "Created region Vlaanderen (vlaanderen)." in output
    assert "jan is now a region admin of Vlaanderen." in output


def test_the_admin_logs_in_with_the_printed_password_and_sees_the_region(db, client):
    output = run()

    password = PASSWORD_LINE.search(output).group(1)
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", password)
    assert client.login(username="jan", password=password)
    response = client.get(reverse("region:overview", kwargs={"region": "vlaanderen"}))
    assert response.status_code == 200


def test_running_it_again_changes_nothing_and_prints_no_password(db):
    password = PASSWORD_LINE.search(run()).group(1)
    before = counts()

    output = run()

    assert counts() == before
    assert "jan already is a region admin of Vlaanderen. Nothing was changed." in output
    assert not PASSWORD_LINE.search(output)
    assert User.objects.get(username="jan").check_password(password)


def test_it_takes_the_password_from_the_environment_and_does_not_print_it(db, monkeypatch):
    monkeypatch.setenv("DIGIBANK_INITIAL_PASSWORD", "kiwi-tulp-fiets-42")

    output = run()

    assert User.objects.get(username="jan").check_password("kiwi-tulp-fiets-42")
    assert "kiwi-tulp-fiets-42" not in output
    assert "The password is the one in DIGIBANK_INITIAL_PASSWORD." in output


def test_it_refuses_a_weak_password_from_the_environment_and_creates_nothing(db, monkeypatch):
    monkeypatch.setenv("DIGIBANK_INITIAL_PASSWORD", "12345678")

    with pytest.raises(CommandError, match=r"^DIGIBANK_INITIAL_PASSWORD: .*too common"):
        run()

    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("", "--region-slug: Fill in a short name for web addresses."),
        (
            "oost vlaanderen",
            "--region-slug: Use only small letters, numbers and hyphens, "
            "for example oost-vlaanderen.",
        ),
        (
            "<script>alert(1)</script>",
            "--region-slug: Use only small letters, numbers and hyphens, "
            "for example oost-vlaanderen.",
        ),
        (
            "vlaanderen-🙂",
            "--region-slug: Use only small letters, numbers and hyphens, "
            "for example oost-vlaanderen.",
        ),
        ("x" * 51, "--region-slug: Ensure this value has at most 50 characters (it has 51)."),
    ],
)
def test_it_refuses_a_bad_region_slug_with_a_clear_message(db, slug, message):
    with pytest.raises(CommandError) as refused:
        run(slug=slug)

    assert str(refused.value) == message
    assert counts() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "--email: Fill in the email address."),
        ("not-an-email", "--email: Enter an email address like name@example.be."),
        ("<script>@x", "--email: Enter an email address like name@example.be."),
        ("jan@", "--email: Enter an email address like name@example.be."),
    ],
)
def test_it_refuses_a_bad_email_address_and_leaves_no_region_behind(db, email, message):
    with pytest.raises(CommandError) as refused:
        run(email=email)

    assert str(refused.value) == message
    assert counts() == (0, 0, 0, 0)


def test_it_refuses_a_username_with_spaces(db):
    with pytest.raises(CommandError, match=r"^--username: "):
        run(username="jan peeters")

    assert not User.objects.exists()


def test_it_refuses_an_email_address_another_account_uses(world):
    other = world.users["coordinator"]

    with pytest.raises(CommandError) as refused:
        run(email=other.email)

    assert str(refused.value) == "--email: There is already an account with this email address."
    assert not User.objects.filter(username="jan").exists()


def test_it_gives_the_role_to_an_existing_account_and_keeps_its_password(world):
    outsider = world.outsider

    output = run(username=outsider.username, email=outsider.email)

    assert RegionMembership.objects.filter(
        user=outsider, region=world.region, role=RegionRole.ADMIN
    ).exists()
    outsider.refresh_from_db()
    assert outsider.check_password(PASSWORD)
    assert not PASSWORD_LINE.search(output)
    assert f"Account {outsider.username} already exists: its password stays." in output


def test_it_refuses_an_existing_account_with_another_email_address(world):
    outsider = world.outsider

    with pytest.raises(CommandError, match=r"^--email: account .* another email address"):
        run(username=outsider.username, email="someone-else@example.be")

    assert not RegionMembership.objects.filter(user=outsider).exists()


def test_it_refuses_an_account_that_is_switched_off(world):
    outsider = world.outsider
    outsider.is_active = False
    outsider.save(update_fields=["is_active"])

    with pytest.raises(CommandError, match="is switched off"):
        run(username=outsider.username, email=outsider.email)

    assert not RegionMembership.objects.filter(user=outsider).exists()


def test_it_says_when_the_account_already_is_a_region_admin(world):
    admin = world.region_users["region_admin"]
    before = counts()

    output = run(username=admin.username, email=admin.email)

    assert counts() == before
    assert f"{admin.username} already is a region admin of Vlaanderen." in output


def test_it_keeps_the_name_of_an_existing_region(world):
    output = run(name="Flanders")

    world.region.refresh_from_db()
    assert world.region.name == "Vlaanderen"
    assert Region.objects.count() == 2  # the world's region and its other region, no new one
    assert 'already exists with the name "Vlaanderen"; its name was not changed' in output
