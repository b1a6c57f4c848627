"""The reminder planner: asks every reminder source what is due today and queues the messages.

A source is a callable `source(today) -> iterable of ReminderDue`, registered once with
`register(source)`, usually in the AppConfig.ready() of the app that owns the data (lending
registers the loans that need a "pick-up ready", "due soon", "overdue" or condition reminder).
The planner runs as the background task `plan_reminders`, which `manage.py run_worker` puts in
the queue every few minutes. Each reminder carries a `dedupe_key`, so planning twice (or on
several machines) never sends a reminder twice.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django_tasks import task

from digibank.organisations.models import Digibank
from digibank.people.models import Person

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderDue:
    """One reminder to send: to a person (the way they chose), or, with `person` None, to the
    address a resident gave without being registered (`to_email` or `to_phone`)."""

    digibank: Digibank
    person: Person | None
    kind: str
    context: dict[str, Any]
    dedupe_key: str
    send_after: datetime.datetime | None = None
    language: str | None = None
    to_email: str = ""
    to_phone: str = ""


ReminderSource = Callable[[datetime.date], Iterable[ReminderDue]]


@dataclass
class PlanReport:
    queued: int = 0
    skipped: int = 0
    already_planned: int = 0
    failed: int = 0
    failed_sources: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "queued": self.queued,
            "skipped": self.skipped,
            "already_planned": self.already_planned,
            "failed": self.failed,
            "failed_sources": self.failed_sources,
        }


_sources: list[ReminderSource] = []


def register(source: ReminderSource) -> ReminderSource:
    """Add a reminder source (once); usable as a decorator."""
    if source not in _sources:
        _sources.append(source)
    return source


def unregister(source: ReminderSource) -> None:
    if source in _sources:
        _sources.remove(source)


def sources() -> list[ReminderSource]:
    return list(_sources)


def _name(source: ReminderSource) -> str:
    return f"{getattr(source, '__module__', '?')}.{getattr(source, '__qualname__', repr(source))}"


def plan(today: datetime.date | None = None) -> PlanReport:
    """Ask every source and queue a message for each reminder not planned before.

    A source or a reminder that fails (a bug, a missing value) is logged and counted; the others
    go on.
    """
    from digibank.messaging.models import MessageStatus
    from digibank.messaging.services import queue_message

    today = today or timezone.localdate()
    report = PlanReport()
    for source in sources():
        try:
            dues = list(source(today))
        except Exception:
            logger.exception("Reminder source %s failed", _name(source))
            report.failed_sources.append(_name(source))
            continue
        for due in dues:
            try:
                message = queue_message(
                    digibank=due.digibank,
                    person=due.person,
                    to_email=due.to_email,
                    to_phone=due.to_phone,
                    kind=due.kind,
                    context=due.context,
                    dedupe_key=due.dedupe_key,
                    send_after=due.send_after,
                    language=due.language,
                )
            except Exception:
                logger.exception("Reminder %s of %s failed", due.dedupe_key, _name(source))
                report.failed += 1
                continue
            if message is None:
                report.already_planned += 1
            elif message.status == MessageStatus.SKIPPED:
                report.skipped += 1
            else:
                report.queued += 1
    return report


@task()
def plan_reminders() -> dict[str, Any]:
    """The periodic task: plan today's reminders, and put lost messages back on track."""
    from digibank.messaging.tasks import recover_stalled_messages

    report = plan()
    result = report.as_dict()
    result["recovered"] = recover_stalled_messages()
    return result
