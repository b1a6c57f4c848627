"""The skills pillar's tables: the competence framework, the region's skills check (versions of
statements and knowledge items), the checks people take, and the modules a check recommends."""

from digibank.skills.models.checks import (
    Answer,
    CheckVersion,
    KnowledgeItem,
    SkillsCheck,
    Statement,
)
from digibank.skills.models.framework import Area, Competence, ProficiencyLevel, in_language
from digibank.skills.models.modules import Module
from digibank.skills.models.progress import AreaScore

__all__ = [
    "Answer",
    "Area",
    "AreaScore",
    "CheckVersion",
    "Competence",
    "KnowledgeItem",
    "Module",
    "ProficiencyLevel",
    "SkillsCheck",
    "Statement",
    "in_language",
]
