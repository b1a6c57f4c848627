"""Forms of the organisations app: input checks and plain-language messages.

Business rules (a postcode in the right municipality, overlapping hours, the last coordinator...)
live in the services; the views put a refused rule next to its field. One module per page family:
`hubs`, `partners`, `members` (the digibank's settings), `invitations` (staff) and `region`;
`common` holds the fields they share; postcodes and phone numbers follow `digibank.core.validators`.
"""

from digibank.organisations.forms.common import (
    DATE_WIDGET,
    TIME_WIDGET,
    text_field,
    website_field,
)
from digibank.organisations.forms.hubs import (
    BaseWeeklyHoursFormSet,
    HubForm,
    MunicipalityChoiceField,
    OpeningExceptionForm,
    OpeningHoursRowForm,
    PublicHubSearchForm,
    weekly_hours_formset,
)
from digibank.organisations.forms.invitations import (
    CoordinatorInviteForm,
    InviteForm,
    NewAccountForm,
)
from digibank.organisations.forms.members import DigibankContactForm
from digibank.organisations.forms.partners import PartnerContactForm, PartnerFilterForm, PartnerForm
from digibank.organisations.forms.region import (
    MunicipalitySearchForm,
    RegionDigibankForm,
    municipalities_as_text,
    parse_municipalities,
)

__all__ = [
    "DATE_WIDGET",
    "TIME_WIDGET",
    "BaseWeeklyHoursFormSet",
    "CoordinatorInviteForm",
    "DigibankContactForm",
    "HubForm",
    "InviteForm",
    "MunicipalityChoiceField",
    "MunicipalitySearchForm",
    "NewAccountForm",
    "OpeningExceptionForm",
    "OpeningHoursRowForm",
    "PartnerContactForm",
    "PartnerFilterForm",
    "PartnerForm",
    "PublicHubSearchForm",
    "RegionDigibankForm",
    "municipalities_as_text",
    "parse_municipalities",
    "text_field",
    "website_field",
    "weekly_hours_formset",
]
