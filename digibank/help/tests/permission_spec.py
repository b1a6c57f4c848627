"""Who may use each help page (see core/tests/matrix.py)."""

from digibank.core.tests.matrix import Spec
from digibank.help.tests.visit_specs import VISIT_SPECS

SPECS: dict[str, Spec] = {**VISIT_SPECS}
