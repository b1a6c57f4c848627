"""The learning section of a person's staff page (registered with `people.person_page`): their
skills checks compared, first against latest, per area, and their learning path: the modules
done (completed enrolments), those in progress (enrolled, attended, on a waiting list) and those
their latest check recommends that they have not done yet. Each enrolment shows its state, and a
completed one links to its certificate for the coordinator and the trainer."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from digibank.organisations.permissions import Access, Perm
from digibank.people.models import Person
from digibank.skills.models import Enrolment, EnrolmentStatus
from digibank.skills.outcomes import progress_of
from digibank.skills.report import report_for


def learning_section(access: Access, person: Person) -> dict[str, Any]:
    progress = progress_of(person)
    latest = None if progress is None else progress.latest or progress.first
    may_link = access.can(Perm.MANAGE_PEOPLE) and access.may_reach_person(
        person, Perm.MANAGE_PEOPLE
    )
    enrolments = list(
        Enrolment.objects.filter(person=person)
        .exclude(status__in=[EnrolmentStatus.CANCELLED, EnrolmentStatus.NO_SHOW])
        .select_related("session__module")
        .order_by("-session__starts_at", "-pk")
    )
    done = [e for e in enrolments if e.status == EnrolmentStatus.COMPLETED]
    followed = {e.session.module_id for e in enrolments}
    recommended = report_for(latest).modules if latest is not None else []
    return {
        "progress": progress,
        "done": done,
        "in_progress": [e for e in enrolments if e.status != EnrolmentStatus.COMPLETED],
        "recommended": [advice for advice in recommended if advice.module.pk not in followed],
        # The certificate of a completed module, for those who hand them out (docs/roles.md).
        "certificates": access.can(Perm.RECORD_ATTENDANCE),
        "link_url": reverse(
            "skills:link", kwargs={"digibank": access.digibank.slug, "person_id": person.pk}
        )
        if may_link
        else "",
    }
