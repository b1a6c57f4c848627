"""What happens next with a request, and who does it: one answer for staff and the resident.

Every request stands somewhere in `states.REQUEST_STATES`; from there, and from what is still
missing (the proof, the device type, the resident erased), `next_step` says in words what the next
step is, who takes it and on which page, and says the same to the resident in plain words on the
public status page. So no request waits without anyone knowing whose turn it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from digibank.lending.models import DeviceRequest, RequestStatus
from digibank.organisations.permissions import Perm

R = RequestStatus


@dataclass(frozen=True)
class NextStep:
    staff: str  # what to do now, for staff
    who: str  # who does it
    resident: str  # the same, in plain words for the resident
    url_name: str = ""  # the staff page where it is done (kwargs: digibank, request_id)
    perm: Perm | None = None  # who may open that page

    @property
    def is_open(self) -> bool:
        """True while someone still has something to do."""
        return bool(self.url_name)


def _nothing(staff: str, resident: str) -> NextStep:
    return NextStep(staff=staff, who=_("nobody"), resident=resident)


def next_step(request: DeviceRequest, *, proof_seen: bool) -> NextStep:
    """The next step of `request`; `proof_seen`: a proof of eligibility was noted for it."""
    if request.person_id is None:
        return _nothing(
            _("Nothing: the resident was erased. The request stays, anonymous, for the figures."),
            _("This request is closed."),
        )
    status = RequestStatus(request.status)
    if status == R.SUBMITTED and not proof_seen:
        return NextStep(
            staff=_(
                "Note which proof of their situation the resident shows, so that the request "
                "can be decided."
            ),
            who=_("the hub volunteer at the desk, the partner's referrer or the coordinator"),
            resident=_(
                "Show a proof of your situation at a hub, or to the person who helps you. For "
                "example a certificate from your health insurance fund or the OCMW."
            ),
            url_name="lending:evidence_add",
            perm=Perm.RECORD_EVIDENCE,
        )
    if status == R.SUBMITTED:
        person = request.person
        referrers_too = request.digibank.referrers_decide_eligibility and (
            person is not None and person.referrer_partner_id is not None
        )
        return NextStep(
            staff=_("Decide whether the request is eligible, under the rule that fits the proof."),
            who=_("the coordinator, or the partner's referrer")
            if referrers_too
            else _("the coordinator"),
            resident=_("We saw your proof. We now decide if you can get a device. We tell you."),
            url_name="lending:decide",
            perm=Perm.DECIDE_ELIGIBILITY,
        )
    if status == R.ELIGIBLE:
        return NextStep(
            staff=_("Choose a device type so the request joins the waiting list."),
            who=_("whoever helps the resident: the hub volunteer, the referrer or the coordinator"),
            resident=_(
                "You can get a device. We contact you to choose the device that fits you. Then "
                "you are on the waiting list."
            ),
            url_name="lending:request_edit",
            perm=Perm.SUBMIT_REQUESTS,
        )
    if status == R.WAITING:
        return NextStep(
            staff=_(
                "Reserve a device when one of this type is ready. It goes to the first in line."
            ),
            who=_("the coordinator"),
            resident=_("When a device is ready for you, we tell you where to pick it up."),
            url_name="lending:allocate",
            perm=Perm.ALLOCATE_DEVICES,
        )
    if status == R.REJECTED:
        return NextStep(
            staff=_("Nothing, unless the resident brings a new proof: then decide again."),
            who=_("the coordinator"),
            resident=_(
                "Do you have a question about this decision, or a new proof? Contact the digibank."
            ),
            url_name="lending:decide",
            perm=Perm.DECIDE_ELIGIBILITY,
        )
    if status == R.RESERVED:
        return NextStep(
            staff=_("Hand the device over with the loan agreement when the resident comes."),
            who=_("the hub volunteer or the coordinator, at the hub where it is picked up"),
            resident=_("Pick up your device. Bring your identity card and your reference code."),
            url_name="lending:hand_over",
            perm=Perm.HAND_OVER_DEVICES,
        )
    if status == R.HANDED_OVER:
        return _nothing(
            _("Nothing for this request: the device is handed over. Its loan page follows it."),
            _("Does your device break, or do you have a question? Contact the digibank."),
        )
    return _nothing(
        _("Nothing: the request is cancelled."),
        _("This request is closed. Do you still need a device? You can ask again."),
    )
