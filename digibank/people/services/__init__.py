"""Every write about residents: registration, changes, consent, erasure, duplicates and merging.

Each function checks what `by` may do in the person's digibank, runs in one transaction, records
an audit entry (field names only, never values) and raises a `DomainError` with a message that can
be shown next to the field it names. `by` is the actor's `Access` or a `SystemActor` (demo data, a
management command), never `None`; a referrer reaches only their partner's people.
"""

from digibank.people.services.common import (
    EDITABLE_FIELDS,
    MAX_HOUSEHOLD_SIZE,
    DuplicatePerson,
    check_contact,
)
from digibank.people.services.consent import record_consent, withdraw_consent
from digibank.people.services.merging import merge_people
from digibank.people.services.registration import (
    delete_person,
    find_duplicates,
    register_person,
    update_person,
)
from digibank.people.services.target_groups import (
    DEFAULT_TARGET_GROUPS,
    add_target_group,
    ensure_default_target_groups,
    rename_target_group,
    set_target_group_active,
)

__all__ = [
    "DEFAULT_TARGET_GROUPS",
    "EDITABLE_FIELDS",
    "MAX_HOUSEHOLD_SIZE",
    "DuplicatePerson",
    "add_target_group",
    "check_contact",
    "delete_person",
    "ensure_default_target_groups",
    "find_duplicates",
    "merge_people",
    "record_consent",
    "register_person",
    "rename_target_group",
    "set_target_group_active",
    "update_person",
    "withdraw_consent",
]
