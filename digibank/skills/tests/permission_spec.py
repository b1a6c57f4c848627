"""Who may use each skills page (see core/tests/matrix.py).

The public check needs no account; without a check in the session its inner pages send the visitor
to the start (302). Taking a check with a resident and linking it to their record need the
permission to manage people; the progress figures, the permission to read aggregates; the
trainer's pages (attendance, certificates), the permission to record attendance. The
region's check content is read by both region roles and changed by the region admin. A region's
version or statement under another region's slug is a 404.
"""

from digibank.core.tests.matrix import PUBLIC, REGION, STAFF, Spec, no_kwargs, region_only, roles
from digibank.organisations.models import Region
from digibank.organisations.permissions import SYSTEM
from digibank.skills.content import current_tables, install_starting_set
from digibank.skills.models import CheckVersion, EnrolmentStatus, Session, Statement
from digibank.skills.services.attendance import record_attendance
from digibank.skills.tests.attendance_helpers import enrolled, session_on

MANAGERS = roles("coordinator", "hub_volunteer", "trainer", "referrer")
# The progress figures are aggregates: the roles that read figures (VIEW_AGGREGATES).
FIGURES = roles("coordinator", "analyst")
# Attendance, the trainer's lists and certificates: RECORD_ATTENDANCE (docs/roles.md).
TEACHERS = roles("coordinator", "trainer")
REGION_BOTH = roles("region_admin", "region_analyst")
REGION_ADMIN = roles("region_admin")


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


def _session(bank):
    session = Session.objects.filter(digibank=bank.digibank, module__key="M02").first()
    return session or session_on(bank, days=(0,))


def a_session(slug_bank, object_bank):
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
    "skills:progress": Spec(STAFF, allowed=FIGURES),
    "skills:teaching": Spec(STAFF, allowed=TEACHERS),
    "skills:session_attendance": Spec(STAFF, a_session, allowed=TEACHERS, has_object=True),
    "skills:take_attendance": Spec(STAFF, a_session_date, allowed=TEACHERS, has_object=True),
    "skills:staff_certificate": Spec(
        STAFF, a_completed_enrolment, allowed=TEACHERS, has_object=True
    ),
    "skills:public_certificate": Spec(PUBLIC, no_kwargs),
    "skills:region_home": region(region_only, REGION_BOTH),
    "skills:region_version": region(a_version, REGION_BOTH, has_object=True),
    "skills:competence_add": region(region_only, REGION_ADMIN),
    "skills:version_start": region(region_only, REGION_ADMIN, method="post", success=302),
    "skills:version_publish": region_admin_object(a_version, method="post"),
    "skills:statement_add": region_admin_object(a_version),
    "skills:statement_edit": region_admin_object(a_statement),
    "skills:statement_remove": region_admin_object(a_statement, method="post"),
}
