"""The messages about sessions and enrolments, all through the outbox of `digibank.messaging`.

As in lending (`lending/notify.py`), this is the one place that talks to messaging: which
message, to whom, with which values, and a dedupe key so none is sent twice. A registered person
is written to the way they chose (and only with their consent); a resident who enrolled on the
website, at the address they gave.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from digibank.core.codes import display_code
from digibank.messaging.models import Message, MessageKind
from digibank.messaging.reminders import ReminderDue
from digibank.messaging.services import queue_message
from digibank.skills.models import Enrolment, EnrolmentStatus, Session, SessionDate

# The dates a message lists; more are summed up as "and N more dates".
DATES_LISTED = 3


def manage_url() -> str:
    return settings.SITE_URL + reverse("skills:enrolment_find")


def finder_url() -> str:
    return settings.SITE_URL + reverse("skills:session_finder")


def when_text(dates: list[SessionDate]) -> str:
    """ "Tuesday 5 May 2026, 14:00–16:00; ..." in the active language."""
    parts = []
    for date in dates[:DATES_LISTED]:
        starts, ends = timezone.localtime(date.starts), timezone.localtime(date.ends)
        day = formats.date_format(starts, "l j F Y")
        parts.append(f"{day}, {starts:%H:%M}–{ends:%H:%M}")
    more = len(dates) - DATES_LISTED
    text = "; ".join(parts)
    if more > 0:
        text += " " + _("and %(count)s more dates") % {"count": more}
    return text


def place_text(session: Session) -> str:
    if session.hub is None:
        return _("online: %(link)s") % {"link": session.online_link}
    hub = session.hub
    return f"{hub.name}, {hub.street}, {hub.postcode} {hub.municipality.name}"


def _context(enrolment: Enrolment, language: str, **more: Any) -> dict[str, Any]:
    session = enrolment.session
    with translation.override(language):
        return {
            "module": session.module.title,
            "when": when_text(list(session.dates.all())),
            "place": place_text(session),
            "reference_code": display_code(enrolment.code),
            "manage_url": manage_url(),
            "first_name": enrolment.person.first_name if enrolment.person else "",
            **more,
        }


def _language(enrolment: Enrolment) -> str:
    if enrolment.person is not None and enrolment.person.preferred_language:
        return enrolment.person.preferred_language
    return enrolment.language or "nl"


def _send(enrolment: Enrolment, kind: str, dedupe_key: str, **more: Any) -> Message | None:
    language = _language(enrolment)
    return queue_message(
        digibank=enrolment.digibank,
        kind=kind,
        person=enrolment.person,
        to_phone="" if enrolment.person else enrolment.phone,
        to_email="" if enrolment.person else enrolment.email,
        language=language,
        context=_context(enrolment, language, **more),
        dedupe_key=dedupe_key,
    )


def enrolment_made(enrolment: Enrolment) -> Message | None:
    waiting = enrolment.status == EnrolmentStatus.WAITING
    kind = MessageKind.ENROLMENT_WAITING if waiting else MessageKind.ENROLMENT_CONFIRMED
    return _send(enrolment, kind, f"enrolment:{enrolment.pk}:{kind}")


def promoted(enrolment: Enrolment) -> Message | None:
    return _send(enrolment, MessageKind.ENROLMENT_PROMOTED, f"enrolment:{enrolment.pk}:promoted")


def session_cancelled(enrolment: Enrolment) -> Message | None:
    return _send(
        enrolment,
        MessageKind.SESSION_CANCELLED,
        f"enrolment:{enrolment.pk}:session-cancelled",
        finder_url=finder_url(),
    )


def reminders_due(today: datetime.date) -> Iterator[ReminderDue]:
    """The reminder source (`messaging.reminders`): the day before each date of a session, every
    enrolment holding a seat gets a reminder, once per date (the dedupe key names both)."""
    tomorrow = today + datetime.timedelta(days=1)
    dates = (
        SessionDate.objects.filter(
            starts__date=tomorrow, session__status="scheduled", session__enrolments__isnull=False
        )
        .select_related("session")
        .distinct()
    )
    date_of = {date.session_id: date for date in dates}
    if not date_of:
        return
    enrolments = (
        Enrolment.objects.filter(session_id__in=list(date_of), status=EnrolmentStatus.ENROLLED)
        .select_related(
            "digibank", "person", "session__module", "session__hub__municipality", "session"
        )
        .prefetch_related("session__dates")
    )
    for enrolment in enrolments:
        date = date_of[enrolment.session_id]
        language = _language(enrolment)
        context = _context(enrolment, language)
        with translation.override(language):
            context["when"] = when_text([date])
        yield ReminderDue(
            digibank=enrolment.digibank,
            person=enrolment.person,
            to_phone="" if enrolment.person else enrolment.phone,
            to_email="" if enrolment.person else enrolment.email,
            kind=MessageKind.SESSION_REMINDER,
            context=context,
            dedupe_key=f"enrolment:{enrolment.pk}:reminder:{date.pk}",
            language=language,
        )
