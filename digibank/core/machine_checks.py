"""The table-driven checks every state machine's tests run (see `digibank.core.states`).

A domain's tests describe their machine once as a `MachineCase` (the machine, how to get a saved
object in a given state, how to read its history rows, who acts) and parametrize over
`machine.moves()` and `machine.refused_moves()`:

    @pytest.mark.parametrize(("source", "target"), REQUEST_STATES.moves())
    def test_every_allowed_move_works_with_each_of_its_permissions(case, source, target):
        check_allowed_move(case, source, target)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from digibank.core.errors import DomainError
from digibank.core.states import Can, StateMachine, system_can


def _no_more_fields(source: str, target: str) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class MachineCase:
    machine: StateMachine
    # A saved object in the given state, whose data fits every move out of it.
    make: Callable[[str], models.Model]
    # The object's history rows (with from_state, to_state and by), any order.
    history: Callable[[Any], models.QuerySet[Any]]
    actor: Any
    # Fields a move must set together with the state (what its service would set).
    also: Callable[[str, str], dict[str, Any]] = field(default=_no_more_fields)

    def state_of(self, obj: models.Model) -> str:
        obj.refresh_from_db()
        return str(getattr(obj, self.machine.field))

    def move(self, obj: models.Model, source: str, target: str, can: Can) -> None:
        self.machine.transition(obj, target, by=self.actor, can=can, also=self.also(source, target))


def only(perms: Iterable[str]) -> Can:
    """An actor holding exactly these permissions."""
    held = frozenset(perms)
    return lambda perm: perm in held


def check_allowed_move(case: MachineCase, source: str, target: str) -> None:
    """Each permission of the move, on its own, is enough; the move writes one history row."""
    for perm in sorted(case.machine.permissions(source, target)):
        obj = case.make(source)
        before = case.history(obj).count()
        case.move(obj, source, target, only({perm}))
        assert case.state_of(obj) == target
        rows = case.history(obj)
        assert rows.count() == before + 1
        last = rows.order_by("-pk").first()
        assert last is not None
        assert (last.from_state, last.to_state, last.by) == (source, target, case.actor)


def check_refused_move(case: MachineCase, source: str, target: str) -> None:
    """A pair outside the table is refused with a message, even for the system."""
    obj = case.make(source)
    before = case.history(obj).count()
    with pytest.raises(DomainError) as refused:
        case.move(obj, source, target, system_can)
    assert refused.value.message
    assert case.state_of(obj) == source
    assert case.history(obj).count() == before


def check_move_needs_its_permission(case: MachineCase, source: str, target: str) -> None:
    """An actor holding every permission but those of the move is refused."""
    declared = case.machine.permissions(source, target)
    obj = case.make(source)
    before = case.history(obj).count()
    with pytest.raises(PermissionDenied):
        case.move(obj, source, target, lambda perm: perm not in declared)
    assert case.state_of(obj) == source
    assert case.history(obj).count() == before


class _Undone(Exception):
    pass


def check_rollback_leaves_neither(case: MachineCase, source: str, target: str) -> None:
    """The state and its history row are written in one transaction: a rollback undoes both."""
    obj = case.make(source)
    before = case.history(obj).count()
    with pytest.raises(_Undone), transaction.atomic():
        case.move(obj, source, target, system_can)
        assert case.history(obj).count() == before + 1
        raise _Undone
    assert case.state_of(obj) == source
    assert case.history(obj).count() == before
