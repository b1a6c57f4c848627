"""The helpers' knowledge base: how-to guides per help topic.

A guide is region-wide (`digibank` empty: every digibank of the region reads it, the region admin
keeps it) or a digibank's local addition (only that digibank sees it, its coordinator keeps it).
Every save through the services writes a `GuideVersion`: the guide row holds the current text, the
versions hold every text it ever had, never changed afterwards, so "what did the guide say when
the volunteer helped" always has an answer. `checked_on` is the day someone last confirmed the
guide is still correct; older than `GUIDE_STALE_MONTHS` it is stale.

`search_text` and `search_title` are the texts folded (lower case, accents off) by the services:
the search compares folded words with `contains`, the same on SQLite and PostgreSQL, and "e-box",
"eBox" and "ébox" find one another's words.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.help.models.topics import HelpTopic
from digibank.organisations.models import Digibank, Region


class GuideLanguage(models.TextChoices):
    NL = "nl", _("Dutch")
    FR = "fr", _("French")
    EN = "en", _("English")


def stale_before(today: datetime.date | None = None) -> datetime.date:
    """A guide last checked before this day is stale (`GUIDE_STALE_MONTHS` months ago)."""
    today = today or timezone.localdate()
    months = today.year * 12 + today.month - 1 - settings.GUIDE_STALE_MONTHS
    year, month = divmod(months, 12)
    month += 1
    # The 31st of a shorter month counts from that month's last day.
    for day in (today.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def lines_of(text: str) -> list[str]:
    """A guide's steps: one per line typed, empty lines and list marks ("1.", "-") left out."""
    found = []
    for line in text.splitlines():
        line = line.strip().lstrip("-*•").strip()
        head, _dot, rest = line.partition(". ")
        if head.isdigit() and rest:
            line = rest.strip()
        if line:
            found.append(line)
    return found


class Guide(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="help_guides", verbose_name=_("region")
    )
    digibank = models.ForeignKey(
        Digibank,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="help_guides",
        verbose_name=_("digibank"),
        help_text=_("Empty for a guide of the whole region."),
    )
    topic = models.ForeignKey(
        HelpTopic, on_delete=models.RESTRICT, related_name="guides", verbose_name=_("topic")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_guides",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("steps for helpers"))
    handout = models.TextField(_("hand-out for residents"))
    language = models.CharField(
        _("language"), max_length=2, choices=GuideLanguage.choices, default=GuideLanguage.NL
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    checked_on = models.DateField(_("last checked"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed"))
    search_title = models.CharField(max_length=160, editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        indexes = [
            models.Index(fields=["region", "digibank"], name="help_guide_owner"),
            models.Index(fields=["digibank", "checked_on"], name="help_guide_checked"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_local(self) -> bool:
        return self.digibank_id is not None

    @property
    def is_stale(self) -> bool:
        return self.checked_on < stale_before()

    @property
    def steps(self) -> list[str]:
        return lines_of(self.body)


class GuideVersion(models.Model):
    """One saved text of a guide. Written once by the services; never changed or deleted alone."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    topic = models.ForeignKey(
        HelpTopic, on_delete=models.RESTRICT, related_name="+", verbose_name=_("topic")
    )
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("steps for helpers"))
    handout = models.TextField(_("hand-out for residents"))
    language = models.CharField(_("language"), max_length=2, choices=GuideLanguage.choices)
    note = models.CharField(_("what changed"), max_length=300)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("guide version")
        verbose_name_plural = _("guide versions")
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="help_guide_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A guide version is never changed once written.")
        super().save(*args, **kwargs)

    @property
    def steps(self) -> list[str]:
        return lines_of(self.body)
