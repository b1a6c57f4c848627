"""A visit at a hub (walk-in or appointment) as the quick log records it, and the hub's queue.

Helpers guide; they never act in someone's accounts. So a visit records how help was given
(explained, did it together, referred), never what was typed where, and its notes never hold a
password, PIN, PUK or confirmation code (`help.secrets`). A visit is anonymous by default: it names
a person only when they agreed (`consent_at`). Whoever the visitor is, the visit keeps the target
groups, age band and municipality that applied that day, so the figures by group survive a later
erasure of the person (and are there for anonymous visitors, whose groups the helper may tick
without naming them).

The queue (`Arrival`) holds who is waiting at a hub today and who is being helped: a first name
or a number, never more, blanked as soon as the helping ends.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.help.models.topics import HelpTopic
from digibank.organisations.models import Digibank, Hub, Municipality
from digibank.people.models import AgeBand, Person

NOTES_MAX = 1000
MAX_MINUTES = 480


class HowHelped(models.TextChoices):
    EXPLAINED = "explained", _("explained how it works")
    TOGETHER = "together", _("did it together")
    REFERRED = "referred", _("referred elsewhere")


class Outcome(models.TextChoices):
    SOLVED = "solved", _("solved")
    PARTLY = "partly", _("partly solved")
    REFERRED = "referred", _("referred to a partner")
    FOLLOW_UP = "follow_up", _("follow-up appointment")


class Visit(models.Model):
    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="help_visits")
    hub = models.ForeignKey(
        Hub, on_delete=models.PROTECT, related_name="help_visits", verbose_name=_("hub")
    )
    visited_at = models.DateTimeField(_("date and time"), default=timezone.now)
    topics = models.ManyToManyField(
        HelpTopic, through="VisitTopic", related_name="visits", verbose_name=_("topics")
    )
    how = models.CharField(
        _("how was help given?"),
        max_length=12,
        choices=HowHelped.choices,
        default=HowHelped.EXPLAINED,
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    minutes = models.PositiveSmallIntegerField(_("time spent (minutes)"))
    notes = models.TextField(_("notes"), max_length=NOTES_MAX, blank=True)
    walk_in = models.BooleanField(_("walk-in"), default=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Named only with the person's consent.
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="help_visits",
        verbose_name=_("person"),
    )
    consent_at = models.DateTimeField(_("consent to link given"), null=True, blank=True)
    # The figures of the day (see the module's docstring).
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    age_band = models.CharField(
        _("age band"), max_length=8, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    # The person's `reach_key` (`people.snapshot`): a linked visit is a person reached, counted
    # once with their other help even after their erasure. Empty for an anonymous visit.
    reach_key = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_at", "-id"]
        verbose_name = _("help visit")
        verbose_name_plural = _("help visits")
        indexes = [
            models.Index(fields=["digibank", "-visited_at"], name="help_visit_digibank_time"),
            models.Index(fields=["hub", "-visited_at"], name="help_visit_hub_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person=None) | Q(consent_at__isnull=False),
                name="help_visit_linked_with_consent",
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=MAX_MINUTES),
                name="help_visit_minutes_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hub_id} {self.visited_at:%Y-%m-%d %H:%M}"


class VisitTopic(models.Model):
    """A topic of a visit: a row per topic, so counts by topic read one index."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="visit_topics")
    topic = models.ForeignKey(HelpTopic, on_delete=models.PROTECT, related_name="visit_topics")

    class Meta:
        verbose_name = _("topic of a visit")
        verbose_name_plural = _("topics of visits")
        constraints = [
            models.UniqueConstraint(fields=["visit", "topic"], name="unique_help_visit_topic")
        ]

    def __str__(self) -> str:
        return f"{self.visit_id}: {self.topic_id}"


LABEL_MAX = 40


class Arrival(models.Model):
    """Someone waiting at a hub today: waiting until a helper starts, helped until they finish."""

    digibank = models.ForeignKey(Digibank, on_delete=models.CASCADE, related_name="help_arrivals")
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="help_arrivals")
    label = models.CharField(_("first name or number"), max_length=LABEL_MAX, blank=True)
    arrived_at = models.DateTimeField(_("arrived"), default=timezone.now)
    helping_since = models.DateTimeField(_("being helped since"), null=True, blank=True)
    helped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["arrived_at", "id"]
        verbose_name = _("arrival")
        verbose_name_plural = _("arrivals")
        indexes = [models.Index(fields=["hub", "finished_at", "arrived_at"], name="help_queue")]

    def __str__(self) -> str:
        return self.label or str(self.pk)

    @property
    def is_waiting(self) -> bool:
        return self.helping_since is None and self.finished_at is None
