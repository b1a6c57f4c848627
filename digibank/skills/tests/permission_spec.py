"""Who may use each skills page (see core/tests/matrix.py).

The public check needs no account; without a check in the session its inner pages send the visitor
to the start (302). Taking a check with a resident and linking it to their record need the
permission to manage people; the progress figures, the permission to read aggregates; the
trainer's pages (attendance, certificates), the permission to record attendance. The
region's check content is read by both region roles and changed by the region admin. A region's
version or statement under another region's slug is a 404.
"""

from digibank.core.tests.matrix import (
    API,
    PUBLIC,
    REGION,
    STAFF,
    Spec,
    bank_only,
    no_kwargs,
    region_only,
    roles,
)
from digibank.organisations.models import Region
from digibank.organisations.permissions import SYSTEM
from digibank.skills import services
from digibank.skills.content import current_tables, install_starting_set
from digibank.skills.models import CheckVersion, Competence, EnrolmentStatus, Session, Statement
from digibank.skills.services.attendance import record_attendance
from digibank.skills.tests.attendance_helpers import enrolled, session_on
from digibank.skills.tests.sessions_helpers import a_module, scheduled

MANAGERS = roles("coordinator", "hub_volunteer", "trainer", "referrer")
# The progress figures are aggregates: the roles that read figures (VIEW_AGGREGATES).
FIGURES = roles("coordinator", "analyst")
# Attendance, the trainer's lists and certificates: RECORD_ATTENDANCE (docs/roles.md).
TEACHERS = roles("coordinator", "trainer")
REGION_BOTH = roles("region_admin", "region_analyst")
REGION_ADMIN = roles("region_admin")
# Training: the catalogue and sessions are read by those who enrol people; trainers and the
# coordinator plan them. A referrer enrols (and cancels) only their partner's people.
TRAINING_VIEWERS = roles("coordinator", "hub_volunteer", "trainer", "referrer")
TRAINING_MANAGERS = roles("coordinator", "trainer")
ENROLLERS = roles("coordinator", "hub_volunteer", "trainer", "referrer")


def _region_of(slug_bank, object_bank):
    """The own region's content, or for a foreign object another region's (given a check)."""
    if object_bank is slug_bank:
        return slug_bank.digibank.region
    other = Region.objects.exclude(pk=slug_bank.digibank.region_id).order_by("pk").first()
    install_starting_set(other, current_tables())
    return other


def a_version(slug_bank, object_bank):
    version = CheckVersion.objects.filter(region=_region_of(slug_bank, object_bank)).latest("pk")
    return {"region": slug_bank.digibank.region.slug, "version_id": version.pk}


def a_statement(slug_bank, object_bank):
    statement = Statement.objects.filter(version__region=_region_of(slug_bank, object_bank)).first()
    return {"region": slug_bank.digibank.region.slug, "statement_id": statement.pk}


def a_person(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "person_id": object_bank.referred_person.pk}


def a_session(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "session_id": scheduled(object_bank).pk}


def a_public_session(slug_bank, object_bank):
    return {"session_id": scheduled(slug_bank).pk}


def a_public_module(slug_bank, object_bank):
    return {"module_id": a_module(slug_bank).pk}


def an_own_module(slug_bank, object_bank):
    module = services.add_module(
        by=SYSTEM,
        digibank=object_bank.digibank,
        competences=[Competence.objects.filter(region__isnull=True).first()],
        title_nl="Eigen module",
        title_fr="Module propre",
        title_en="Own module",
        level=1,
        duration_minutes=120,
        language="nl",
    )
    return {"digibank": slug_bank.digibank.slug, "module_id": module.pk}


def an_enrolment(slug_bank, object_bank):
    """The enrolment of the person the referrer's partner referred (a referrer may cancel it)."""
    enrolment = services.enrol(
        by=SYSTEM, session=scheduled(object_bank), person=object_bank.referred_person
    )
    return {"digibank": slug_bank.digibank.slug, "enrolment_id": enrolment.pk}


def api_session(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "session_id": scheduled(object_bank).pk}


def new_api_session(world):
    return {
        "module": a_module(world.a).pk,
        "dates": [{"starts": "2099-05-05T14:00:00+02:00", "ends": "2099-05-05T16:00:00+02:00"}],
        "capacity": 8,
        "hub": world.a.hub.pk,
    }


def new_api_enrolment(world):
    return {"person": world.a.referred_person.pk}


def _session(bank):
    """A session of module M02 with a date today (attendance can be taken)."""
    session = Session.objects.filter(digibank=bank.digibank, module__key="M02").first()
    return session or session_on(bank, days=(0,))


def a_session_today(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "session_id": _session(object_bank).pk}


def a_session_date(slug_bank, object_bank):
    session = _session(object_bank)
    return {
        "digibank": slug_bank.digibank.slug,
        "session_id": session.pk,
        "date_id": session.dates.first().pk,
    }


def a_completed_enrolment(slug_bank, object_bank):
    session = _session(object_bank)
    enrolment = session.enrolments.filter(status=EnrolmentStatus.COMPLETED).first()
    if enrolment is None:
        enrolment = enrolled(session)
        record_attendance(session_date=session.dates.first(), present=[enrolment.pk], by=SYSTEM)
    return {"digibank": slug_bank.digibank.slug, "enrolment_id": enrolment.pk}


def first_page(slug_bank, object_bank):
    return {"step": "1"}


def region(kwargs, allowed, **extra):
    return Spec(REGION, kwargs, allowed=allowed, **extra)


def admin_on_object(role, case):
    """An analyst is refused (403) before any lookup, also for another region's object."""
    if role == "anonymous":
        return {302}
    if case == "other" or role not in REGION_BOTH:
        return {404}
    if role not in REGION_ADMIN:
        return {403}
    return {302 if case == "own" else 404}


def admin_page_on_object(role, case):
    if role == "region_admin" and case == "own":
        return {200}
    return admin_on_object(role, case)


def region_admin_object(kwargs, method="get"):
    expect = admin_on_object if method == "post" else admin_page_on_object
    return Spec(REGION, kwargs, allowed=REGION_ADMIN, method=method, has_object=True, expect=expect)


SPECS = {
    "skills:public_start": Spec(PUBLIC, no_kwargs),
    "skills:public_resume": Spec(PUBLIC, no_kwargs),
    "skills:public_step": Spec(PUBLIC, first_page, success=302),
    "skills:public_finish": Spec(PUBLIC, no_kwargs, success=302),
    "skills:public_pause": Spec(PUBLIC, no_kwargs, success=302),
    "skills:public_result": Spec(PUBLIC, no_kwargs, success=302),
    "skills:staff_home": Spec(STAFF, allowed=MANAGERS),
    "skills:assisted_start": Spec(STAFF, allowed=MANAGERS, method="post", success=302),
    "skills:link": Spec(STAFF, a_person, allowed=MANAGERS, has_object=True),
    "skills:module_list": Spec(PUBLIC, no_kwargs),
    "skills:module_page": Spec(PUBLIC, a_public_module),
    "skills:session_finder": Spec(PUBLIC, no_kwargs),
    "skills:session_page": Spec(PUBLIC, a_public_session),
    "skills:enrol_name": Spec(PUBLIC, a_public_session),
    "skills:enrol_contact": Spec(PUBLIC, a_public_session, success=302),
    "skills:enrol_check": Spec(PUBLIC, a_public_session, success=302),
    "skills:enrolment_done": Spec(PUBLIC, no_kwargs, success=302),
    "skills:enrolment_find": Spec(PUBLIC, no_kwargs),
    "skills:enrolment_manage": Spec(PUBLIC, no_kwargs, success=302),
    "skills:enrolment_cancel": Spec(PUBLIC, no_kwargs, success=302),
    "skills:enrolment_change": Spec(PUBLIC, no_kwargs, success=302),
    "skills:staff_modules": Spec(STAFF, allowed=TRAINING_VIEWERS),
    "skills:module_add": Spec(STAFF, allowed=TRAINING_MANAGERS),
    "skills:module_edit": Spec(STAFF, an_own_module, allowed=TRAINING_MANAGERS, has_object=True),
    "skills:staff_sessions": Spec(STAFF, allowed=TRAINING_VIEWERS),
    "skills:session_add": Spec(STAFF, allowed=TRAINING_MANAGERS),
    "skills:staff_session": Spec(STAFF, a_session, allowed=TRAINING_VIEWERS, has_object=True),
    "skills:session_edit": Spec(STAFF, a_session, allowed=TRAINING_MANAGERS, has_object=True),
    "skills:session_cancel": Spec(
        STAFF, a_session, allowed=TRAINING_MANAGERS, method="post", success=302, has_object=True
    ),
    "skills:staff_enrol": Spec(STAFF, a_session, allowed=ENROLLERS, has_object=True),
    "skills:staff_cancel_enrolment": Spec(
        STAFF, an_enrolment, allowed=ENROLLERS, method="post", success=302, has_object=True
    ),
    "skills:progress": Spec(STAFF, allowed=FIGURES),
    "skills:teaching": Spec(STAFF, allowed=TEACHERS),
    "skills:session_attendance": Spec(STAFF, a_session_today, allowed=TEACHERS, has_object=True),
    "skills:take_attendance": Spec(STAFF, a_session_date, allowed=TEACHERS, has_object=True),
    "skills:staff_certificate": Spec(
        STAFF, a_completed_enrolment, allowed=TEACHERS, has_object=True
    ),
    "skills:public_certificate": Spec(PUBLIC, no_kwargs),
    "skills:enrolment_certificate": Spec(PUBLIC, no_kwargs, success=302),
    "skills:region_home": region(region_only, REGION_BOTH),
    "skills:region_version": region(a_version, REGION_BOTH, has_object=True),
    "skills:competence_add": region(region_only, REGION_ADMIN),
    "skills:version_start": region(region_only, REGION_ADMIN, method="post", success=302),
    "skills:version_publish": region_admin_object(a_version, method="post"),
    "skills:statement_add": region_admin_object(a_version),
    "skills:statement_edit": region_admin_object(a_statement),
    "skills:statement_remove": region_admin_object(a_statement, method="post"),
    "api:list_modules": Spec(API, bank_only, allowed=TRAINING_VIEWERS),
    "api:list_sessions": Spec(API, bank_only, allowed=TRAINING_VIEWERS),
    "api:get_session": Spec(API, api_session, allowed=TRAINING_VIEWERS, has_object=True),
    "api:create_session": Spec(
        API, bank_only, allowed=TRAINING_MANAGERS, method="post", data=new_api_session, success=201
    ),
    "api:list_enrolments": Spec(API, api_session, allowed=ENROLLERS, has_object=True),
    "api:create_enrolment": Spec(
        API,
        api_session,
        allowed=ENROLLERS,
        method="post",
        data=new_api_enrolment,
        success=201,
        has_object=True,
    ),
    "api:cancel_enrolment": Spec(
        API,
        an_enrolment,
        allowed=ENROLLERS,
        method="patch",
        data=lambda world: {"status": "cancelled"},
        has_object=True,
    ),
}
