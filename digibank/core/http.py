"""Small helpers for requests that every app's pages share."""

from __future__ import annotations

from django.http import QueryDict


def query_without(query: QueryDict, *drop: str) -> str:
    """The query string of `query` without the keys in `drop`.

    List pages put it on their paging links, so the filters stay while the page changes.
    """
    kept = query.copy()
    for key in drop:
        kept.pop(key, None)
    return kept.urlencode()
