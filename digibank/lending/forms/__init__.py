"""Forms about device requests and loans: a plain message next to each field, never a 500.

One module per page family: `requests` (requests, decisions, reservations), `loans` (hand-over to
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
    AllocateForm,
    DecisionForm,
    DeviceChoiceField,
    EvidenceForm,
    PersonSearchForm,
    ReasonForm,
    RequestFilterForm,
    RequestForm,
    RuleChoiceField,
)
from digibank.lending.forms.settings import RegulationForm, RuleForm

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
    "OwnershipForm",
    "PersonSearchForm",
    "ReasonForm",
    "RegulationForm",
    "RequestFilterForm",
    "RequestForm",
    "ReturnForm",
    "RuleChoiceField",
    "RuleForm",
    "StatusForm",
    "capitalised",
    "long_text_field",
    "max_length_of",
    "text_field",
]
