"""No demo accounts in production: `seed_demo` needs DEMO_MODE, and `check --deploy` fails while
any account it made exists."""

from io import StringIO

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.db.models import Value
from django.db.models.functions import Concat

from digibank.core.models import User
from digibank.demo.accounts import demo_accounts
from digibank.demo.checks import demo_users
from digibank.testing import make_user

pytestmark = pytest.mark.django_db


def deploy_errors() -> list[str]:
    return [
        message.id or ""
        for message in run_checks(include_deployment_checks=True)
        if message.id == "digibank.E001"
    ]


def test_seed_demo_refuses_to_run_on_an_installation_that_is_not_a_demo(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    assert not User.objects.exists()


def test_the_deploy_check_fails_while_a_demo_account_exists(output):
    assert deploy_errors() == ["digibank.E001"]
    # One demo log-in alone is enough.
    names = [a.username for a in demo_accounts()]
    User.objects.filter(username__in=names[1:]).update(username=Concat(Value("x-"), "username"))
    assert deploy_errors() == ["digibank.E001"]


def test_the_deploy_check_finds_an_account_of_a_synthetic_digibank(db):
    make_user("scale-aalst-coordinator")
    assert deploy_errors() == ["digibank.E001"]


def test_the_deploy_check_passes_without_demo_accounts(db):
    # The demo these tests share may be in the database: its accounts are renamed (rolled back).
    User.objects.filter(username__in=demo_users()).update(username=Concat(Value("x-"), "username"))
    make_user("an-ordinary-coordinator")
    assert deploy_errors() == []
