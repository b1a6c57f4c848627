"""Who may use each help page (see core/tests/matrix.py)."""

from digibank.core.tests.matrix import Spec

SPECS: dict[str, Spec] = {}
