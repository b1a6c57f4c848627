"""A person with a finished skills check, sessions of the modules it recommends and a free help
time: what the plan tests start from, made through the domains' services."""

from __future__ import annotations

from dataclasses import dataclass

from digibank.help.models import HelpTopic, Slot
from digibank.help.tests.helpers import slot, topic
from digibank.people.models import Person
from digibank.plans import services
from digibank.plans.models import PersonalPlan
from digibank.skills.models import Answer, Module, Session, SkillsCheck
from digibank.skills.report import report_for
from digibank.skills.tests.helpers import linked_check
from digibank.skills.tests.sessions_helpers import scheduled
from digibank.testing import Bank, act


@dataclass
class Start:
    person: Person
    check: SkillsCheck
    module: Module
    session: Session
    slot: Slot
    topic: HelpTopic


def start(bank: Bank, *, capacity: int = 2) -> Start:
    person = bank.person
    check = linked_check(bank, person, Answer.NOT_YET, right=False)
    check.refresh_from_db()
    module = report_for(check).modules[0].module
    return Start(
        person=person,
        check=check,
        module=module,
        session=scheduled(bank, capacity=capacity, module=module),
        slot=slot(bank),
        topic=topic(bank),
    )


def make(bank: Bank, begin: Start, **extra: object) -> PersonalPlan:
    """A plan with the three steps, made by the coordinator."""
    values: dict[str, object] = {
        "modules": [services.ModuleStep(module=begin.module, session=begin.session)],
        "device": services.DeviceStep(device_kind="laptop", needs=["school"]),
        "appointment": services.AppointmentStep(topic=begin.topic, slot=begin.slot),
        "skills_check": begin.check,
        **extra,
    }
    return services.make_plan(
        by=act(bank.users["coordinator"]),
        person=begin.person,
        **values,  # type: ignore[arg-type]
    )
