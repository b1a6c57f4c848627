"""Every write of the skills app: keyword-only verbs that take the actor (`by`)."""

from digibank.skills.services.checks import (
    complete_check,
    current_version,
    link_check,
    record_answers,
    start_check,
)
from digibank.skills.services.content import (
    add_local_competence,
    add_statement,
    publish_version,
    remove_statement,
    start_draft_version,
    update_statement,
)

__all__ = [
    "add_local_competence",
    "add_statement",
    "complete_check",
    "current_version",
    "link_check",
    "publish_version",
    "record_answers",
    "remove_statement",
    "start_check",
    "start_draft_version",
    "update_statement",
]
