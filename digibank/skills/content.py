"""The content shipped in `skills/data/`: the DigComp 2.2 framework with the digibank first-steps
area, and the researched starting set of the skills check (statements, knowledge items, modules).

Nothing is downloaded: the files are part of the repository (their sources are inside them). The
loaders are idempotent and take the model classes as arguments, so the data migration runs them on
its historical models and `load_skills_content` (called by `seed_demo`) on the current ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

DATA = Path(__file__).resolve().parent / "data"


@cache
def read(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Tables:
    """The models the loaders write (current ones, or a migration's historical ones)."""

    area: Any
    competence: Any
    level: Any
    version: Any
    statement: Any
    item: Any
    module: Any


def current_tables() -> Tables:
    from digibank.skills import models

    return Tables(
        area=models.Area,
        competence=models.Competence,
        level=models.ProficiencyLevel,
        version=models.CheckVersion,
        statement=models.Statement,
        item=models.KnowledgeItem,
        module=models.Module,
    )


def _names(row: dict, field: str = "name") -> dict[str, str]:
    return {
        f"{field}_en": row[field],
        f"{field}_nl": row[f"{field}_nl"],
        f"{field}_fr": row[f"{field}_fr"],
    }


@transaction.atomic
def load_framework(tables: Tables) -> None:
    """DigComp's areas, competences and levels, and the first-steps area (position 0)."""
    digcomp = read("digcomp-2.2.json")
    first = read("first-steps.json")
    for level in digcomp["proficiency_levels"]:
        tables.level.objects.update_or_create(
            level=level["level"],
            defaults={**_names(level, "band"), **_names(level, "autonomy")},
        )
    areas = [(first["area"], first["competences"], 0)] + [
        (area, area["competences"], position)
        for position, area in enumerate(digcomp["areas"], start=1)
    ]
    for area_row, competences, position in areas:
        area, _ = tables.area.objects.update_or_create(
            code=area_row["code"], defaults={**_names(area_row), "position": position}
        )
        for index, row in enumerate(competences):
            tables.competence.objects.update_or_create(
                region=None,
                code=row["code"],
                defaults={"area": area, **_names(row), "position": index},
            )


def _statement_rows(version: Any, tables: Tables, competences: dict[str, Any]) -> list[Any]:
    areas = {area.code: area for area in tables.area.objects.all()}
    return [
        tables.statement(
            version=version,
            key=row["id"],
            area=areas[row["area"]],
            competence=competences[row["competence"]],
            level=row["level"],
            text_nl=row["nl"],
            text_fr=row["fr"],
            text_en=row["en"],
            position=position,
        )
        for position, row in enumerate(read("skills-check-and-modules.json")["statements"])
    ]


def _item_rows(version: Any, tables: Tables, competences: dict[str, Any]) -> list[Any]:
    return [
        tables.item(
            version=version,
            key=row["id"],
            competence=competences[row["competence"]],
            level=row["level"],
            question_nl=row["question_nl"],
            question_fr=row["question_fr"],
            question_en=row["question_en"],
            options={lang: row[f"options_{lang}"] for lang in ("nl", "fr", "en")},
            correct=row["correct"],
            explanation_nl=row["explain_nl"],
            explanation_fr=row["explain_fr"],
            explanation_en=row["explain_en"],
            position=position,
        )
        for position, row in enumerate(read("skills-check-and-modules.json")["knowledge_items"])
    ]


def _install_modules(region: Any, tables: Tables, competences: dict[str, Any]) -> None:
    rows = read("skills-check-and-modules.json")["modules"]
    existing = set(tables.module.objects.filter(region=region).values_list("key", flat=True))
    links = []
    for position, row in enumerate(rows):
        if row["id"] in existing:
            continue
        module = tables.module.objects.create(
            region=region,
            key=row["id"],
            title_nl=row["name_nl"],
            title_fr=row["name_fr"],
            title_en=row["name_en"],
            level=row["level"],
            duration_minutes=row["duration_minutes"],
            language=row["language"],
            provider_name=row["provider"][:200],
            active=row["active"],
            position=position,
        )
        links += [
            tables.module.competences.through(module_id=module.pk, competence_id=competences[c].pk)
            for c in row["competences"]
        ]
    tables.module.competences.through.objects.bulk_create(links)


@transaction.atomic
def install_starting_set(region: Any, tables: Tables) -> Any | None:
    """The region's first version of the check (published) and its modules, once.

    Returns the new version, or None when the region has a version already (nothing is written:
    a region admin's later versions are never touched).
    """
    if tables.version.objects.filter(region=region).exists():
        return None
    competences = {c.code: c for c in tables.competence.objects.filter(region=None)}
    version = tables.version.objects.create(region=region, number=1, published_at=timezone.now())
    tables.statement.objects.bulk_create(_statement_rows(version, tables, competences))
    tables.item.objects.bulk_create(_item_rows(version, tables, competences))
    _install_modules(region, tables, competences)
    return version
