"""The result page's content for a finished check, read from the database in a fixed number of
queries and put through the rules of `results`."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from digibank.skills.models import (
    Answer,
    Area,
    Competence,
    KnowledgeItem,
    Module,
    SkillsCheck,
    Statement,
)
from digibank.skills.results import Asked, Offer, read_answers, recommend


@dataclass
class AreaReport:
    area: Area
    alone: list[Statement] = field(default_factory=list)
    with_help: list[Statement] = field(default_factory=list)
    not_yet: list[Statement] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.alone) + len(self.with_help) + len(self.not_yet)


@dataclass(frozen=True)
class ModuleAdvice:
    module: Module
    because: list[str]  # the statements or questions it answers, in the reader's language


@dataclass(frozen=True)
class ItemFeedback:
    item: KnowledgeItem
    right: bool


@dataclass
class Report:
    areas: list[AreaReport]
    modules: list[ModuleAdvice]
    items: list[ItemFeedback]

    @property
    def items_right(self) -> int:
        return sum(1 for feedback in self.items if feedback.right)


def asked_of(statements: list[Statement], items: list[KnowledgeItem]) -> list[Asked]:
    return [Asked(s.key, s.competence.code, s.level) for s in statements] + [
        Asked(i.key, i.competence.code, i.level, correct=i.correct) for i in items
    ]


def offers_of(modules: list[Module]) -> list[Offer]:
    return [
        Offer(m.key, frozenset(c.code for c in m.competences.all()), m.level, m.active)
        for m in modules
    ]


def report_for(check: SkillsCheck) -> Report:
    statements = list(
        Statement.objects.filter(version_id=check.version_id).select_related("area", "competence")
    )
    items = list(
        KnowledgeItem.objects.filter(version_id=check.version_id).select_related("competence")
    )
    modules = list(
        Module.objects.filter(region_id=check.region_id).prefetch_related(
            Prefetch("competences", queryset=Competence.objects.only("id", "code"))
        )
    )
    answers = check.answers
    areas: dict[int, AreaReport] = {}
    for statement in statements:
        report = areas.setdefault(statement.area_id, AreaReport(statement.area))
        answer = answers.get(statement.key)
        if answer == Answer.ALONE:
            report.alone.append(statement)
        elif answer == Answer.HELP:
            report.with_help.append(statement)
        elif answer == Answer.NOT_YET:
            report.not_yet.append(statement)
    reading = read_answers(asked_of(statements, items), answers)
    texts = {s.key: s.text for s in statements} | {i.key: i.question for i in items}
    by_key = {m.key: m for m in modules}
    advice = [
        ModuleAdvice(by_key[choice.key], [texts[key] for key in choice.covers[:3]])
        for choice in recommend(reading, offers_of(modules))
    ]
    feedback = [ItemFeedback(item, answers.get(item.key) == str(item.correct)) for item in items]
    ordered = sorted(areas.values(), key=lambda report: (report.area.position, report.area.code))
    return Report(areas=ordered, modules=advice, items=feedback)
