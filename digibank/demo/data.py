"""The fixed content of the demo: two contrasting digibanks (`mechelen.py`, `meetjesland.py`,
in the shapes of `shapes.py`) with their hubs, partners and staff, and the region's own staff.

Everything here is fictional except the places: the streets are real streets of Mechelen and the
Meetjesland, with plausible coordinates. People, companies and e-mail addresses are invented;
e-mail domains end in `.example` so nothing can ever be sent to a real mailbox. The name pools of
the residents are in `names.py`.
"""

from __future__ import annotations

from digibank.demo.mechelen import MECHELEN
from digibank.demo.meetjesland import MEETJESLAND
from digibank.demo.shapes import StaffData

__all__ = [
    "DEMO_PASSWORD",
    "DIGIBANKS",
    "MECHELEN",
    "MEETJESLAND",
    "REGION_NAME",
    "REGION_SLUG",
    "REGION_STAFF",
    "SCALE_SLUG_PREFIX",
]

DEMO_PASSWORD = "digibank-demo"
REGION_SLUG = "vlaanderen"
REGION_NAME = "Vlaanderen"
# Synthetic digibanks made by `--scale` carry this slug prefix, so `--reset` can find them.
SCALE_SLUG_PREFIX = "scale-"

DIGIBANKS = (MECHELEN, MEETJESLAND)

REGION_STAFF = (
    StaffData("region_admin", "Katrien", "Maes"),
    StaffData("region_analyst", "Olivier", "Dumont"),
)
