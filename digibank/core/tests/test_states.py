"""The state-machine helper itself: a table that is not whole fails at start-up, and a move is
checked against the table, then the permission, then the guards."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models

from digibank.core.errors import DomainError
from digibank.core.models import ApiToken
from digibank.core.states import SYSTEM, StateMachine, nobody_can, system_can, user_of


class Light(models.TextChoices):
    RED = "red", "red"
    GREEN = "green", "green"
    OFF = "off", "off"


TABLE = {
    Light.RED: {Light.GREEN: "drive", Light.OFF: {"repair", SYSTEM}},
    Light.GREEN: {Light.RED: "drive"},
    Light.OFF: {},
}


def _machine(**overrides) -> StateMachine:
    declaration = {
        "model": ApiToken,
        "field": "state",
        "states": Light,
        "transitions": TABLE,
        "history": lambda changes: None,
        **overrides,
    }
    return StateMachine(**declaration)


def test_the_table_answers_what_forms_tests_and_docs_ask():
    machine = _machine()
    assert machine.targets(Light.RED) == {"green", "off"}
    assert machine.permissions(Light.RED, Light.OFF) == {"repair", SYSTEM}
    assert machine.final_states == {"off"}
    assert machine.moves() == [("red", "green"), ("red", "off"), ("green", "red")]
    assert len(machine.moves()) + len(machine.refused_moves()) == 9
    assert ("off", "off") in machine.refused_moves()


@pytest.mark.parametrize(
    "transitions",
    [
        {Light.RED: {Light.GREEN: "drive"}, Light.GREEN: {}},  # a state is missing
        {**TABLE, Light.OFF: {"blue": "drive"}},  # an unknown target
        {**TABLE, Light.OFF: {Light.OFF: "drive"}},  # staying is not a move
        {**TABLE, Light.OFF: {Light.RED: set()}},  # nobody may make it
    ],
)
def test_it_refuses_a_table_that_is_not_whole(transitions):
    with pytest.raises(ImproperlyConfigured):
        _machine(transitions=transitions)


def test_it_checks_the_table_then_the_permission_then_the_guards():
    def no_green_at_night(obj, to):
        if to == Light.GREEN and obj.night:
            raise DomainError("Not at night.")

    machine = _machine(guards=[no_green_at_night], error_field="light")
    light = SimpleNamespace(state="green", night=True)
    with pytest.raises(DomainError) as refused:
        machine.check(light, Light.OFF, can=system_can)
    assert refused.value.message == "This cannot go from green to off."
    assert refused.value.field == "light"
    with pytest.raises(DomainError, match="does not exist"):
        machine.check(light, "purple", can=system_can)
    with pytest.raises(PermissionDenied):
        machine.check(light, Light.RED, can=lambda perm: perm == "repair")
    assert machine.check(light, Light.RED, can=lambda perm: perm == "drive") == "red"
    light.state = "red"
    with pytest.raises(DomainError, match="Not at night") as refused:
        machine.check(light, Light.GREEN, can=system_can)
    assert refused.value.field == "light"
    with pytest.raises(PermissionDenied):
        machine.check(light, Light.OFF, can=nobody_can)


def test_a_domain_refusal_replaces_the_general_message():
    machine = _machine(refusal=lambda obj, to: "Broken." if obj.state == "off" else None)
    with pytest.raises(DomainError, match="Broken"):
        machine.check(SimpleNamespace(state="off"), Light.RED, can=system_can)
    with pytest.raises(DomainError, match="already green"):
        machine.check(SimpleNamespace(state="green"), Light.GREEN, can=system_can)


def test_a_history_row_names_a_user_never_the_system():
    user = SimpleNamespace(is_authenticated=True)
    assert user_of(user) is user
    assert user_of(SimpleNamespace(user=user)) is user
    assert user_of(None) is None
    assert user_of(SimpleNamespace(is_authenticated=False)) is None
