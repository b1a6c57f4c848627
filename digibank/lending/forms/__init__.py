"""Forms about device requests and loans: a plain message next to each field, never a 500.

One module per page family: `requests` (requests, decisions), `reservation` (a device for a
request, a ready device for someone in line), `loans` (hand-over to
return), `settings` (rules and the regulation) and `public` (the status page); `common` holds the
fields they share.
"""

from digibank.lending.forms.common import (
    DATE_WIDGET,
    DEFAULT_LOAN_DAYS,
    NOT_SURE,
    FilterValues,
    capitalised,
    long_text_field,
    max_length_of,
    text_field,
)
from digibank.lending.forms.loans import (
    ExtendForm,
    FindLoanForm,
    HandOverForm,
    LoanFilterForm,
    LoanTermsForm,
    LossForm,
    OwnershipForm,
    ReturnForm,
)
from digibank.lending.forms.public import StatusForm
from digibank.lending.forms.requests import (
    DecisionForm,
    EvidenceForm,
    PersonSearchForm,
    ReasonForm,
    RequestFilterForm,
    RequestForm,
    RuleChoiceField,
)
from digibank.lending.forms.reservation import (
    AllocateForm,
    DeviceChoiceField,
    OfferForm,
    RequestChoiceField,
)
from digibank.lending.forms.settings import RegulationForm, RuleForm, WhoDecidesForm

__all__ = [
    "DATE_WIDGET",
    "DEFAULT_LOAN_DAYS",
    "NOT_SURE",
    "AllocateForm",
    "DecisionForm",
    "DeviceChoiceField",
    "EvidenceForm",
    "ExtendForm",
    "FilterValues",
    "FindLoanForm",
    "HandOverForm",
    "LoanFilterForm",
    "LoanTermsForm",
    "LossForm",
    "OfferForm",
    "OwnershipForm",
    "PersonSearchForm",
    "ReasonForm",
    "RegulationForm",
    "RequestChoiceField",
    "RequestFilterForm",
    "RequestForm",
    "ReturnForm",
    "RuleChoiceField",
    "RuleForm",
    "StatusForm",
    "WhoDecidesForm",
    "capitalised",
    "long_text_field",
    "max_length_of",
    "text_field",
]
