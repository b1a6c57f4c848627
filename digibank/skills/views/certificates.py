"""The certificate of a completed module: for staff from the session's attendance page, and for
the participant on the public pages with their enrolment's reference code: from the page of the
enrolment they found with it (`enrol.FOUND` in the session), or by typing it (the code never goes
in a URL; unknown codes count towards the per-address limit of `core.throttle`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from digibank.core.audit import record
from digibank.core.login_limits import client_address
from digibank.core.models import AuditAction
from digibank.core.throttle import REFERENCE_LOOKUPS, too_many_codes
from digibank.organisations.permissions import Perm, StaffRequest, public_view, staff_view
from digibank.skills.attendance_queries import get_enrolment_for
from digibank.skills.certificate import certificate_pdf
from digibank.skills.certificate_data import certificate_for
from digibank.skills.forms import CertificateForm
from digibank.skills.models import Enrolment, EnrolmentStatus
from digibank.skills.views.enrol import FOUND


def _pdf(enrolment: Enrolment) -> HttpResponse:
    response = HttpResponse(
        certificate_pdf(certificate_for(enrolment)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{enrolment.code}.pdf"'
    return response


@staff_view(Perm.RECORD_ATTENDANCE)
@require_GET
def staff_certificate(request: StaffRequest, enrolment_id: int) -> HttpResponse:
    enrolment = get_enrolment_for(request.access, enrolment_id)
    response = _pdf(enrolment)
    record(
        actor=request.access,
        action=AuditAction.VIEW,
        obj=enrolment,
        digibank=request.access.digibank,
        fields=["certificate"],
    )
    return response


@public_view
@never_cache
@require_GET
def enrolment_certificate(request: HttpRequest) -> HttpResponse:
    """The certificate of the enrolment this browser found with its reference code."""
    enrolment_id = request.session.get(FOUND)
    enrolment = (
        Enrolment.objects.select_related(
            "person", "session__module", "session__hub", "session__trainer", "digibank"
        )
        .filter(pk=enrolment_id, status=EnrolmentStatus.COMPLETED)
        .first()
        if enrolment_id
        else None
    )
    if enrolment is None:
        return redirect("skills:enrolment_find")
    return _pdf(enrolment)


@public_view
@never_cache
@require_http_methods(["GET", "POST"])
def public_certificate(request: HttpRequest) -> HttpResponse:
    form = CertificateForm(request.POST or None)
    address = client_address(request)
    wait = REFERENCE_LOOKUPS.retry_after(address) if request.method == "POST" else None
    if wait is not None:
        form.add_error(None, too_many_codes(wait))
        response = render(request, "skills/public/certificate.html", {"form": form}, status=429)
        response["Retry-After"] = str(wait)
        return response
    if request.method == "POST" and form.is_valid():
        enrolment = (
            Enrolment.objects.select_related(
                "person", "session__module", "session__hub", "session__trainer", "digibank"
            )
            .filter(code=form.cleaned_data["code"])
            .first()
        )
        if enrolment is None:
            REFERENCE_LOOKUPS.count_failure(address)
            form.add_error("code", _("We cannot find an enrolment with this code. Check it."))
        elif enrolment.status != EnrolmentStatus.COMPLETED:
            form.add_error(
                "code",
                _(
                    "There is no certificate for this enrolment yet. You get it once you "
                    "completed the module."
                ),
            )
        else:
            return _pdf(enrolment)
    return render(request, "skills/public/certificate.html", {"form": form})
