"""Help topics: the essential services residents come to a hub for (itsme, taxes, eBox, ...).

A region holds one list, managed by its region admin and started from `help/data/help-topics.json`;
a digibank may add local topics (`digibank` set). Names are kept in Dutch, French and English
columns, like the skills framework: topics are content that region admins edit, not text a
translator edits in the .po files. The helper-facing notes (typical questions, where to refer, how
often asked) are kept as the research wrote them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digibank.organisations.models import Digibank, Region

LANGUAGES = ("nl", "fr", "en")


def in_language(obj: object, field: str) -> str:
    """`obj.<field>_<language>` in the language of the request, Dutch when that one is empty."""
    language = (get_language() or "nl")[:2]
    if language not in LANGUAGES:
        language = "nl"
    return str(getattr(obj, f"{field}_{language}") or getattr(obj, f"{field}_nl"))


class HelpTopic(models.Model):
    """One essential service a resident may ask help with: region-wide, or a digibank's own."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="help_topics", verbose_name=_("region")
    )
    digibank = models.ForeignKey(
        Digibank,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="local_help_topics",
        verbose_name=_("digibank"),
        help_text=_("Empty for a topic of the whole region."),
    )
    code = models.CharField(_("code"), max_length=12)
    name_nl = models.CharField(_("name in Dutch"), max_length=160)
    name_fr = models.CharField(_("name in French"), max_length=160)
    name_en = models.CharField(_("name in English"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    typical_questions = models.JSONField(_("typical questions"), default=list, blank=True)
    official_service = models.CharField(_("official service"), max_length=250, blank=True)
    referral = models.TextField(_("where to refer"), blank=True)
    frequency = models.TextField(_("how often it is asked"), blank=True)
    asked_most_rank = models.PositiveSmallIntegerField(
        _("rank among the most asked topics"), null=True, blank=True
    )
    sources = models.JSONField(_("sources"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("help topic")
        verbose_name_plural = _("help topics")
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="unique_help_topic_code"),
        ]
        indexes = [models.Index(fields=["region", "digibank"], name="help_topic_owner")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def is_local(self) -> bool:
        return self.digibank_id is not None

    @classmethod
    def offered_in(cls, digibank: Digibank) -> models.QuerySet[HelpTopic]:
        """The active topics a digibank offers: its region's, and its own local ones."""
        return cls.objects.filter(
            Q(digibank=None) | Q(digibank=digibank), region_id=digibank.region_id, active=True
        )
