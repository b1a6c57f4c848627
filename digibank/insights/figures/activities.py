"""The learning and help parts of the dashboard, in one place so `dashboard()` adds them with one
line: the sessions and enrolments (`learning.py`), help at the hubs (`help.py`), and their
series of the month-by-month trend."""

from __future__ import annotations

from django.db.models import QuerySet

from digibank.insights.figures import help as help_at_hubs
from digibank.insights.figures import learning
from digibank.insights.sources import Window
from digibank.insights.tables import Table


def activity_tables(window: Window) -> list[Table]:
    """Seven queries: two for the sessions, five for help at the hubs."""
    return [*learning.learning_tables(window), *help_at_hubs.help_tables(window)]


def activity_trend(window: Window) -> tuple[QuerySet, QuerySet]:
    """Sessions held and help visits per month (two grouped queries)."""
    return learning.sessions_by_month(window), help_at_hubs.visits_by_month(window)
