"""Full-text search in the helpers' guides, the same on SQLite and PostgreSQL.

The services keep each guide's title, steps and hand-out folded in `Guide.search_text` (lower case,
accents off, see `fold`); a query is folded the same way and split into words, and a guide is found
when its text contains every word (words AND'ed). Guides whose title holds every word come first.
This keeps to the ORM's `contains` (LIKE), so no database extension is needed, accents never stop
a match ("regelen" finds "régelen"), and the reach is whatever queryset the caller passes: the
search never widens it.
"""

from __future__ import annotations

import re
import unicodedata

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from digibank.help.models import Guide

# Words shorter than this match nearly every guide; more words than this are left out.
SHORTEST_WORD = 2
MOST_WORDS = 8
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents: "Tax-on-Web Hélène" -> "tax-on-web helene"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def words_of(query: str) -> list[str]:
    """The query's folded words worth searching, each once, in the order typed."""
    found: list[str] = []
    for word in WORD.findall(fold(query)):
        if len(word) >= SHORTEST_WORD and word not in found:
            found.append(word)
    return found[:MOST_WORDS]


def search(guides: QuerySet[Guide], query: str) -> QuerySet[Guide]:
    """The guides of `guides` holding every word of `query`, title hits first, then by title."""
    words = words_of(query)
    if not words:
        return guides.order_by("title", "id")
    in_text = Q()
    in_title = Q()
    for word in words:
        in_text &= Q(search_text__contains=word)
        in_title &= Q(search_title__contains=word)
    return (
        guides.filter(in_text)
        .annotate(
            title_rank=Case(
                When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("title_rank", "title", "id")
    )
