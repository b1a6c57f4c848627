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
from digibank.skills.services.enrolments import (
    Contact,
    cancel_enrolment,
    change_enrolment,
    enrol,
    promote_waiting,
)
from digibank.skills.services.modules import add_module, add_region_module, update_module
from digibank.skills.services.sessions import (
    cancel_session,
    schedule_session,
    trainers_of,
    update_session,
)

__all__ = [
    "Contact",
    "add_local_competence",
    "add_module",
    "add_region_module",
    "add_statement",
    "cancel_enrolment",
    "cancel_session",
    "change_enrolment",
    "complete_check",
    "current_version",
    "enrol",
    "link_check",
    "promote_waiting",
    "publish_version",
    "record_answers",
    "remove_statement",
    "schedule_session",
    "start_check",
    "start_draft_version",
    "trainers_of",
    "update_module",
    "update_session",
    "update_statement",
]
