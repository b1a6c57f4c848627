"""One state-machine helper for every model with a lifecycle (devices, donations, requests, ...).

A domain declares a `StateMachine`: its states (a `TextChoices`), a table from each state to the
states it may move to with the permission(s) that may trigger each move, optional guards (checks
that depend on the object itself) and a history writer. Every state change then goes through
`machine.transition(obj, to, by=..., can=...)`, which in one transaction

1. locks the row (`select_for_update`) and reads its state again,
2. refuses a move outside the table with a translated `DomainError`,
3. refuses an actor for whom no permission of the move holds (`PermissionDenied`),
4. runs the guards, sets the state (and the fields given in `also`) and saves,
5. writes one history row through the domain's writer.

So a rollback leaves neither the new state nor its history row. `bulk_transition` does the same for
many rows at once (for speed): it only takes rows whose state may make the move (the from-states
are in the filter) and writes one history row per row.

The actor: `by` is whatever the domain calls its actor; the machine only hands it to the history
writer. Permissions are checked through `can(perm) -> bool`, a callable the domain passes (for
staff `Access.can`; for the system `system_can`), because the base layer knows no roles or
digibanks. A move that only the system may make lists `SYSTEM`, a permission no role holds.

Why not django-fsm-2 (the maintained fork of django-fsm)? It was considered. It declares each move
as a decorated model method, checks permissions with `user.has_perm` or a callable per method, and
leaves locking (optimistic `ConcurrentTransitionMixin`) and history (the separate django-fsm-log)
to the project. Our permissions are role-scoped per digibank (`Access`), not Django model
permissions; devices already keep their history in `DeviceEvent` rows with a note; and we want one
table per model as plain data, so tests can walk every allowed and refused pair and the
documentation can show it. What is left to write is this one small module.

Declaring a machine (see docs/architecture.md, "State machines"):

    ENROLMENT_STATES = StateMachine(
        model=Enrolment,
        field="status",
        states=EnrolmentStatus,
        transitions={
            E.BOOKED: {E.ATTENDED: Perm.TEACH, E.CANCELLED: {Perm.TEACH, Perm.BOOK}},
            E.ATTENDED: {},
            E.CANCELLED: {},
        },
        history=write_enrolment_history,
    )
    ENROLMENT_STATES.transition(enrolment, E.ATTENDED, by=by, can=access.can)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError

# A permission no role holds: moves that only the system (tasks, commands) makes.
SYSTEM = "system"

M = TypeVar("M", bound=models.Model)


class Can(Protocol):
    """Whether the actor holds a permission (for staff: `Access.can`)."""

    # Any, not str: the domains pass their own permission enums (`Perm`, a str enum).
    def __call__(self, perm: Any, /) -> bool: ...


def system_can(perm: str) -> bool:
    """The system may make every move of the table (demo data, tasks, commands)."""
    return True


def nobody_can(perm: str) -> bool:
    """An actor without any role here: every move is refused."""
    return False


@dataclass(frozen=True)
class Change:
    """One move, as the history writer receives it."""

    pk: int
    from_state: str
    to_state: str
    by: Any
    note: str = ""


def user_of(by: Any) -> Any:
    """The user a history row names: the actor itself, or its `.user` (an `Access`); None for
    the system or an anonymous visitor."""
    user = getattr(by, "user", by)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


class StateHistory(models.Model):
    """The columns of a history row; each domain adds the foreign key to its own model."""

    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


Permissions = str | Iterable[str]
Guard = Callable[[Any, str], None]
History = Callable[[Sequence[Change]], None]


class StateMachine(Generic[M]):
    """The states of one model field, the moves between them and who may make each move.

    `transitions` maps every state to `{target: permission or permissions}`; a state without
    targets is final. `guards` are called as `guard(locked_obj, to)` after the table and the
    permission allowed the move, and raise `DomainError` to refuse it. `refusal(obj, to)` may
    return a clearer message for a move outside the table. `on_move(obj, from, to)` may change
    more fields of the object (it returns their names) just before it is saved. `changed_at`
    names a date-time field set at every move; `error_field` the form field a refusal belongs to.
    """

    def __init__(
        self,
        *,
        model: type[M],
        field: str,
        states: type[models.TextChoices],
        transitions: Mapping[str, Mapping[str, Permissions]],
        history: History,
        guards: Sequence[Guard] = (),
        refusal: Callable[[M, str], str | None] | None = None,
        on_move: Callable[[M, str, str], Iterable[str]] | None = None,
        changed_at: str | None = None,
        error_field: str | None = None,
    ) -> None:
        self.model = model
        self.field = field
        self.states = states
        self.history = history
        self.guards = tuple(guards)
        self.refusal = refusal
        self.on_move = on_move
        self.changed_at = changed_at
        self.error_field = error_field
        self.table = self._checked_table(transitions)

    def _checked_table(
        self, transitions: Mapping[str, Mapping[str, Permissions]]
    ) -> dict[str, dict[str, frozenset[str]]]:
        """The table with every permission as a set; a table that is not whole fails loudly."""
        name = f"{self.model.__name__}.{self.field}"
        known = set(self.states.values)
        if set(transitions) != known:
            raise ImproperlyConfigured(f"{name}: the table must list every state exactly once.")
        table: dict[str, dict[str, frozenset[str]]] = {}
        for source, targets in transitions.items():
            table[str(source)] = {}
            for target, perms in targets.items():
                if target not in known or target == source:
                    raise ImproperlyConfigured(f"{name}: bad move {source} → {target}.")
                granted = frozenset([perms] if isinstance(perms, str) else perms)
                if not granted:
                    raise ImproperlyConfigured(f"{name}: {source} → {target} names no permission.")
                table[str(source)][str(target)] = frozenset(str(perm) for perm in granted)
        return table

    # The table as data, for forms, tests and documentation.

    def targets(self, state: str) -> frozenset[str]:
        return frozenset(self.table[str(state)])

    def allows(self, from_state: str, to_state: str) -> bool:
        return str(to_state) in self.table.get(str(from_state), {})

    def permissions(self, from_state: str, to_state: str) -> frozenset[str]:
        """Who may make a move: any one of these permissions is enough."""
        return self.table[str(from_state)][str(to_state)]

    @property
    def final_states(self) -> frozenset[str]:
        return frozenset(state for state, targets in self.table.items() if not targets)

    def moves(self) -> list[tuple[str, str]]:
        """Every allowed move, in the order of the states."""
        return [(s, t) for s in self.states.values for t in self.states.values if self.allows(s, t)]

    def refused_moves(self) -> list[tuple[str, str]]:
        """Every pair of states the table does not allow, staying in a state included."""
        return [
            (s, t) for s in self.states.values for t in self.states.values if not self.allows(s, t)
        ]

    # Checking and making a move.

    def _target(self, to: str, field: str | None) -> str:
        if to not in self.states.values:
            raise DomainError(_("This state does not exist."), field=field)
        return str(self.states(to))

    def check(self, obj: M, to: str, *, can: Can, field: str | None = None) -> str:
        """Raise when `obj` may not move to `to` now (table, then permission, then guards)."""
        field = field or self.error_field
        target = self._target(to, field)
        current = str(getattr(obj, self.field))
        if not self.allows(current, target):
            message = self.refusal(obj, target) if self.refusal else None
            raise DomainError(message or self._default_refusal(current, target), field=field)
        if not any(can(perm) for perm in self.permissions(current, target)):
            raise PermissionDenied
        for guard in self.guards:
            try:
                guard(obj, target)
            except DomainError as error:
                raise DomainError(error.message, field=error.field or field) from None
        return target

    def _default_refusal(self, current: str, target: str) -> str:
        labels = dict(self.states.choices)
        if current == target:
            return _("This is already %(state)s.") % {"state": labels[current]}
        return _("This cannot go from %(from)s to %(to)s.") % {
            "from": labels[current],
            "to": labels[target],
        }

    def _lock(self, obj: M) -> M:
        locked = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
        if locked is None:
            raise DomainError(_("This record no longer exists."))
        return locked

    def _touched(self, now: Any) -> dict[str, Any]:
        """The date-time fields a move sets: `changed_at` and every `auto_now` field."""
        touched = {self.changed_at: now} if self.changed_at else {}
        for model_field in self.model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False):
                touched[model_field.name] = now
        return touched

    @transaction.atomic
    def transition(
        self,
        obj: M,
        to: str,
        *,
        by: Any,
        can: Can,
        note: str = "",
        also: Mapping[str, Any] | None = None,
        field: str | None = None,
    ) -> M:
        """Move `obj` to `to`, or raise. Returns the saved row; `obj` is updated as well.

        `also` sets more fields in the same save (a reason, who ended it, ...); `field` names the
        form field a refusal belongs to, when it is not the state field.
        """
        locked = self._lock(obj)
        target = self.check(locked, to, can=can, field=field)
        source = str(getattr(locked, self.field))
        values = {self.field: self.states(target), **self._touched(timezone.now()), **(also or {})}
        for name, value in values.items():
            setattr(locked, name, value)
        names = [*values, *(self.on_move(locked, source, target) if self.on_move else ())]
        locked.save(update_fields=list(dict.fromkeys(names)))
        expressions = [
            name for name, value in values.items() if hasattr(value, "resolve_expression")
        ]
        if expressions:
            locked.refresh_from_db(fields=expressions)
        self.history([Change(locked.pk, source, target, by, note)])
        for name in names:
            model_field = self.model._meta.get_field(name)
            attname = model_field.attname if isinstance(model_field, models.Field) else name
            setattr(obj, attname, getattr(locked, attname))
        return locked

    @transaction.atomic
    def bulk_transition(
        self,
        queryset: models.QuerySet[M],
        to: str,
        *,
        by: Any,
        can: Can,
        note: str = "",
        also: Mapping[str, Any] | None = None,
    ) -> int:
        """Move every row of `queryset` that may move to `to`; returns how many moved.

        Rows in a state from which the table does not allow the move are left alone. Only for
        machines without guards or `on_move` (those need each object).
        """
        if self.guards or self.on_move:
            raise ImproperlyConfigured("bulk_transition needs a machine without guards.")
        target = self._target(to, self.error_field)
        sources = [state for state in self.table if target in self.table[state]]
        rows = list(
            queryset.filter(**{f"{self.field}__in": sources})
            .select_for_update()
            .order_by("pk")
            .values_list("pk", self.field)
        )
        for source in {state for _pk, state in rows}:
            if not any(can(perm) for perm in self.permissions(source, target)):
                raise PermissionDenied
        if not rows:
            return 0
        values = {self.field: target, **self._touched(timezone.now()), **(also or {})}
        self.model._default_manager.filter(pk__in=[pk for pk, _state in rows]).update(**values)
        self.history([Change(pk, source, target, by, note) for pk, source in rows])
        return len(rows)
