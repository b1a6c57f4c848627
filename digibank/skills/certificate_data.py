"""The certificate's content for a completed enrolment, read in a fixed number of queries and
written in the person's language (`certificate.certificate_pdf` draws it)."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation

from digibank.skills.certificate import CertificateData, certificate_language
from digibank.skills.models import Attendance, Enrolment, EnrolmentEvent, EnrolmentStatus


def certificate_for(enrolment: Enrolment) -> CertificateData:
    """The certificate of a completed enrolment; 404 for any other (none was issued)."""
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise Http404
    session = enrolment.session
    module = session.module
    person = enrolment.person
    name = person.full_name if person is not None else enrolment.name
    if not name:
        raise Http404  # an erased participant's certificate is never printed again
    language = certificate_language(
        person.preferred_language if person is not None else enrolment.language
    )
    dates = list(session.dates.order_by("starts").values_list("starts", flat=True))
    attended = Attendance.objects.filter(enrolment=enrolment, present=True).count()
    completed = (
        EnrolmentEvent.objects.filter(
            Q(enrolment=enrolment) & Q(to_state=EnrolmentStatus.COMPLETED)
        )
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    trainer = session.trainer
    with translation.override(language):
        return CertificateData(
            code=enrolment.code,
            language=language,
            person_name=name,
            module_title=module.title,
            level=module.level,
            hours=module.hours,
            digibank_name=session.digibank.name,
            place=session.hub.name if session.hub is not None else "",
            first_date=timezone.localtime(dates[0]).date(),
            last_date=timezone.localtime(dates[-1]).date(),
            attended=attended,
            dates=len(dates),
            issued_on=timezone.localtime(completed).date() if completed else timezone.localdate(),
            trainer_name=trainer.get_full_name() if trainer is not None else "",
            competences=[competence.name for competence in module.competences.all()],
            large_print=bool(person is not None and person.large_print),
        )
