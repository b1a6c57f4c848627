"""The help pillar's tables: the help topics (a region's essential services, with a digibank's
local additions) and the appointments hubs offer for them."""

from digibank.help.models.appointments import (
    HOLDS_A_SEAT,
    Appointment,
    AppointmentEvent,
    AppointmentStatus,
    BookedVia,
    Slot,
)
from digibank.help.models.topics import HelpTopic, in_language

__all__ = [
    "HOLDS_A_SEAT",
    "Appointment",
    "AppointmentEvent",
    "AppointmentStatus",
    "BookedVia",
    "HelpTopic",
    "Slot",
    "in_language",
]
