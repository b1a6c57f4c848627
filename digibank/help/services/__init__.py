"""Every write of the help pillar: bookable times (`slots`), appointments (`appointments`) and
what erasing or merging a person means for them (`people`); visits and the queue (`visits`),
referrals (`referrals`), shifts (`shifts`) and what erasing or merging means for visits and
referrals (`visit_people`); the helpers' guides and their versions (`guides`)."""

from digibank.help.services.appointments import (
    book_appointment,
    cancel_appointment,
    move_appointment,
    record_outcome,
)
from digibank.help.services.guides import (
    GuideFields,
    change_guide,
    hand_over_guide,
    mark_guide_checked,
    write_guide,
)
from digibank.help.services.slots import change_capacity, create_slot
from digibank.help.services.topics import (
    TopicFields,
    add_local_topic,
    add_region_topic,
    change_topic,
)

__all__ = [
    "GuideFields",
    "TopicFields",
    "add_local_topic",
    "add_region_topic",
    "book_appointment",
    "cancel_appointment",
    "change_capacity",
    "change_guide",
    "change_topic",
    "create_slot",
    "hand_over_guide",
    "mark_guide_checked",
    "move_appointment",
    "record_outcome",
    "write_guide",
]
