"""The help pillar's tables: the help topics (a region's essential services, with a digibank's
local additions), the appointments hubs offer for them; visits and the hubs' queues, referrals to
partners, volunteer shifts; the helpers' how-to guides and their versions."""

from digibank.help.models.appointments import (
    HOLDS_A_SEAT,
    Appointment,
    AppointmentEvent,
    AppointmentStatus,
    BookedVia,
    Slot,
)
from digibank.help.models.guides import Guide, GuideLanguage, GuideVersion, stale_before
from digibank.help.models.referrals import Referral, ReferralEvent, ReferralStatus
from digibank.help.models.shifts import Shift, ShiftSignUp
from digibank.help.models.topics import HelpTopic, in_language
from digibank.help.models.visits import Arrival, HowHelped, Outcome, Visit, VisitTopic

__all__ = [
    "HOLDS_A_SEAT",
    "Appointment",
    "AppointmentEvent",
    "AppointmentStatus",
    "Arrival",
    "BookedVia",
    "Guide",
    "GuideLanguage",
    "GuideVersion",
    "HelpTopic",
    "HowHelped",
    "Outcome",
    "Referral",
    "ReferralEvent",
    "ReferralStatus",
    "Shift",
    "ShiftSignUp",
    "Slot",
    "Visit",
    "VisitTopic",
    "in_language",
    "stale_before",
]
