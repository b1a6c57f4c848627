"""The skills pillar's tables: the competence framework, the region's skills check (versions of
statements and knowledge items), the checks people take, the modules a check recommends, and the
sessions of those modules with their enrolments."""

from digibank.skills.models.attendance import Attendance
from digibank.skills.models.checks import (
    Answer,
    CheckVersion,
    KnowledgeItem,
    SkillsCheck,
    Statement,
)
from digibank.skills.models.framework import Area, Competence, ProficiencyLevel, in_language
from digibank.skills.models.modules import Module, ProviderKind
from digibank.skills.models.progress import AreaScore
from digibank.skills.models.sessions import (
    ACTIVE_STATES,
    HOLDS_A_SEAT,
    Enrolment,
    EnrolmentChannel,
    EnrolmentEvent,
    EnrolmentStatus,
    Session,
    SessionDate,
    SessionEvent,
    SessionStatus,
)

__all__ = [
    "ACTIVE_STATES",
    "HOLDS_A_SEAT",
    "Answer",
    "Area",
    "AreaScore",
    "Attendance",
    "CheckVersion",
    "Competence",
    "Enrolment",
    "EnrolmentChannel",
    "EnrolmentEvent",
    "EnrolmentStatus",
    "KnowledgeItem",
    "Module",
    "ProficiencyLevel",
    "ProviderKind",
    "Session",
    "SessionDate",
    "SessionEvent",
    "SessionStatus",
    "SkillsCheck",
    "Statement",
    "in_language",
]
