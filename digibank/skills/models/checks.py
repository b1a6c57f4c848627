"""The skills check: a region's versions of statements and knowledge items, and the checks taken.

A region's check content is versioned: a check keeps pointing at the version it was taken with, so
a region admin can rewrite statements for the next version without changing what earlier results
said. The published version with the highest number is the one residents take.

A check taken on the public pages is anonymous: its answers, its reference code, the version and
when it was taken, nothing else. It names a person only once they agreed and a staff member linked
it (`person`, `consent_at`, `linked_by`); a check taken with a helper at a hub also names the
digibank and the helper.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from digibank.organisations.models import Digibank, Municipality, Region
from digibank.people.models import AgeBand, Person
from digibank.skills.models.framework import Area, Competence, in_language, language_code

# The check asks about the first four proficiency levels (DigComp's foundation and intermediate).
CHECK_LEVELS = (1, 4)


class Answer(models.TextChoices):
    """The three answers to an "I can …" statement."""

    ALONE = "alone", _("I can do this alone")
    HELP = "help", _("I can do this with some help")
    NOT_YET = "not_yet", _("I cannot do this yet")


def level_validators() -> list:
    return [MinValueValidator(CHECK_LEVELS[0]), MaxValueValidator(CHECK_LEVELS[1])]


class CheckVersion(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="check_versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Empty while the version is a draft; residents take the latest published version.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["region", "-number"]
        verbose_name = _("skills check version")
        verbose_name_plural = _("skills check versions")
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="unique_check_version")
        ]

    def __str__(self) -> str:
        return f"{self.region} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class Statement(models.Model):
    """An "I can …" statement, mapped to one competence and a level from 1 to 4."""

    version = models.ForeignKey(CheckVersion, on_delete=models.CASCADE, related_name="statements")
    key = models.CharField(_("key"), max_length=12)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    competence = models.ForeignKey(
        Competence,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("competence"),
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=level_validators())
    text_nl = models.CharField(_("statement in Dutch"), max_length=240)
    text_fr = models.CharField(_("statement in French"), max_length=240)
    text_en = models.CharField(_("statement in English"), max_length=240)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["area__position", "position", "key"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_statement_key"),
            models.CheckConstraint(
                condition=Q(level__gte=CHECK_LEVELS[0], level__lte=CHECK_LEVELS[1]),
                name="statement_level_in_check_range",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return in_language(self, "text")


class KnowledgeItem(models.Model):
    """A practical question with one right answer (spot the phishing message, ...)."""

    version = models.ForeignKey(
        CheckVersion, on_delete=models.CASCADE, related_name="knowledge_items"
    )
    key = models.CharField(_("key"), max_length=12)
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), validators=level_validators())
    question_nl = models.CharField(_("question in Dutch"), max_length=300)
    question_fr = models.CharField(_("question in French"), max_length=300)
    question_en = models.CharField(_("question in English"), max_length=300)
    # {"nl": [...], "fr": [...], "en": [...]}: the same options in the same order per language.
    options = models.JSONField(_("options"))
    correct = models.PositiveSmallIntegerField(_("right answer"))
    explanation_nl = models.TextField(_("explanation in Dutch"))
    explanation_fr = models.TextField(_("explanation in French"))
    explanation_en = models.TextField(_("explanation in English"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_knowledge_item_key")
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def question(self) -> str:
        return in_language(self, "question")

    @property
    def explanation(self) -> str:
        return in_language(self, "explanation")

    def options_in_language(self) -> list[str]:
        return list(self.options.get(language_code()) or self.options["nl"])


class SkillsCheck(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="skills_checks")
    version = models.ForeignKey(CheckVersion, on_delete=models.PROTECT, related_name="checks")
    code = models.CharField(_("reference code"), max_length=8, unique=True)
    # {statement key: Answer, knowledge item key: index of the chosen option as a string}
    answers = models.JSONField(_("answers"), default=dict)
    language = models.CharField(_("language"), max_length=5, default="nl")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last answer"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # Taken with a helper at a hub: where and with whom.
    digibank = models.ForeignKey(
        Digibank, on_delete=models.CASCADE, null=True, blank=True, related_name="skills_checks"
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Linked to a person only with their consent, by a staff member.
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="skills_checks",
        verbose_name=_("person"),
    )
    consent_at = models.DateTimeField(_("consent to link given"), null=True, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The person's figures when the check was linked and completed (`people.snapshot`): the
    # figures count from these, so they stay when the person is erased or changes later.
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
    reach_key = models.UUIDField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("skills check")
        verbose_name_plural = _("skills checks")
        constraints = [
            models.CheckConstraint(
                condition=Q(person=None) | Q(consent_at__isnull=False, digibank__isnull=False),
                name="skills_check_linked_with_consent",
            ),
        ]
        indexes = [models.Index(fields=["digibank", "-completed_at"], name="skills_check_done")]

    def __str__(self) -> str:
        return self.code

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None
