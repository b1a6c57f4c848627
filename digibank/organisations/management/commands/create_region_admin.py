from __future__ import annotations

import os
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from digibank.core.errors import DomainError
from digibank.core.models import User
from digibank.organisations.models import Region, RegionMembership, RegionRole
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.services import (
    add_region_member,
    create_region,
    create_staff_user,
    generate_initial_password,
)

PASSWORD_VARIABLE = "DIGIBANK_INITIAL_PASSWORD"

# The command-line option each service field comes from, to say which option a refusal is about.
_REGION_OPTIONS = {"slug": "--region-slug", "name": "--region-name"}
_USER_OPTIONS = {
    "username": "--username",
    "email": "--email",
    "first_name": "--first-name",
    "last_name": "--last-name",
}


def _refused(error: DomainError, options: dict[str, str]) -> CommandError:
    option = options.get(error.field or "")
    return CommandError(f"{option}: {error.message}" if option else error.message)


class Command(BaseCommand):
    help = (
        "Create the first region admin of an installation: the region when it is missing, a staff "
        "account with a random initial password (printed once; set "
        f"{PASSWORD_VARIABLE} to choose it), and the region admin role. An account with this "
        "username that already exists gets the role and keeps its password. Safe to run again: "
        "when the account already is a region admin of the region, nothing changes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--region-slug",
            required=True,
            help="Short name of the region in web addresses (/region/<slug>/), e.g. vlaanderen.",
        )
        parser.add_argument(
            "--region-name",
            required=True,
            help="Name of the region, used when the region is created, e.g. Vlaanderen.",
        )
        parser.add_argument("--username", required=True, help="Username to log in with.")
        parser.add_argument("--email", required=True, help="Email address of the account.")
        parser.add_argument("--first-name", default="", help="First name (optional).")
        parser.add_argument("--last-name", default="", help="Last name (optional).")

    def handle(
        self,
        *args: Any,
        region_slug: str,
        region_name: str,
        username: str,
        email: str,
        first_name: str,
        last_name: str,
        **options: Any,
    ) -> None:
        username, email = username.strip(), email.strip()
        chosen_password = os.environ.get(PASSWORD_VARIABLE, "")
        # One transaction: a refused account leaves no half-made region behind.
        with transaction.atomic():
            region, lines = self._region(region_slug, region_name)
            user = User.objects.filter(username__iexact=username).first()
            if user is None:
                if chosen_password:
                    self._check_password(chosen_password, username, email, first_name, last_name)
                password = chosen_password or generate_initial_password()
                user = self._new_user(username, email, first_name, last_name, password)
                lines.append(f"Created account {user.username} ({user.email}).")
            else:
                self._check_existing(user, email)
                password = None
                lines.append(f"Account {user.username} already exists: its password stays.")
            if RegionMembership.objects.filter(
                user=user, region=region, role=RegionRole.ADMIN
            ).exists():
                self.stdout.write(
                    f"{user.username} already is a region admin of {region.name}. "
                    "Nothing was changed."
                )
                return
            add_region_member(region=region, user=user, role=RegionRole.ADMIN, by=SYSTEM)
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"{user.username} is now a region admin of {region.name}.")
        )
        if password is not None and chosen_password:
            self.stdout.write(f"The password is the one in {PASSWORD_VARIABLE}.")
        elif password is not None:
            self.stdout.write(f"Initial password (shown only this once): {password}")

    def _region(self, slug: str, name: str) -> tuple[Region, list[str]]:
        existing = Region.objects.filter(slug=slug.strip().lower()).first()
        if existing is not None:
            note = f"Region {existing.slug} already exists"
            if existing.name != name.strip():
                note += f' with the name "{existing.name}"; its name was not changed'
            return existing, [note + "."]
        try:
            region = create_region(name=name, slug=slug, by=SYSTEM)
        except DomainError as error:
            raise _refused(error, _REGION_OPTIONS) from None
        return region, [f"Created region {region.name} ({region.slug})."]

    def _new_user(
        self, username: str, email: str, first_name: str, last_name: str, password: str
    ) -> User:
        try:
            return create_staff_user(
                username=username,
                email=email,
                first_name=first_name,
                last_name=last_name,
                password=password,
                by=SYSTEM,
            )
        except DomainError as error:
            raise _refused(error, _USER_OPTIONS) from None

    def _check_password(
        self, password: str, username: str, email: str, first_name: str, last_name: str
    ) -> None:
        """Django's password rules, for a password the admin chose; a generated one passes."""
        candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
        try:
            password_validation.validate_password(password, user=candidate)
        except ValidationError as error:
            raise CommandError(f"{PASSWORD_VARIABLE}: {' '.join(error.messages)}") from None

    def _check_existing(self, user: User, email: str) -> None:
        if user.email.lower() != email.lower():
            raise CommandError(
                f"--email: account {user.username} already exists with another email address "
                f"({user.email}). Check the username, or give that account's email address."
            )
        if not user.is_active:
            raise CommandError(
                f"Account {user.username} is switched off. Switch it on before giving it a role."
            )
