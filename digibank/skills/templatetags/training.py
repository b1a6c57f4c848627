"""Filters of the session pages: a session's dates and place in plain words."""

from __future__ import annotations

from django import template

from digibank.skills.models import Session
from digibank.skills.notify import place_text, when_text

register = template.Library()


@register.filter
def session_when(session: Session) -> str:
    return when_text(list(session.dates.all()))


@register.filter
def session_place(session: Session) -> str:
    return place_text(session)
