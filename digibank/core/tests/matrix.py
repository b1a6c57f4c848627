"""The vocabulary of the permission matrix (see `test_permission_matrix.py`).

Each app lists its URLs in `digibank/<app>/tests/permission_spec.py` as `SPECS = {url name: Spec}`.
A spec says how to build the URL for a digibank and an object, and which roles may use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PUBLIC = "public"  # anyone, no account
ACCOUNT = "account"  # any logged-in user, about their own account
STAFF = "staff"  # digibank roles, scoped by the `digibank` URL kwarg
REGION = "region"  # region roles, scoped by the `region` URL kwarg
API = "api"  # JSON API with a bearer token, scoped by the `digibank` URL kwarg

# kwargs(slug_bank, object_bank) -> URL kwargs. slug_bank gives the tenant in the URL (`digibank`),
# object_bank the object whose id is in the URL; the matrix tries (own, own), (own, other) and
# (other, other) so a foreign object under the user's own digibank is tested too.
KwargsBuilder = Callable[[Any, Any], dict[str, Any]]


def bank_only(slug_bank: Any, object_bank: Any) -> dict[str, Any]:
    return {"digibank": slug_bank.digibank.slug}


def no_kwargs(slug_bank: Any, object_bank: Any) -> dict[str, Any]:
    return {}


def region_only(slug_bank: Any, object_bank: Any) -> dict[str, Any]:
    return {"region": slug_bank.digibank.region.slug}


@dataclass
class Spec:
    kind: str
    kwargs: KwargsBuilder = bank_only
    allowed: frozenset[str] = field(default_factory=frozenset)
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] | None = None
    success: int | frozenset[int] = 200
    has_object: bool = False  # the URL carries an object id: try the foreign-object case too
    # Overrides the rules for a URL whose answer depends on who asks: (role, case) -> statuses.
    expect: Callable[[str, str], set[int]] | None = None

    @property
    def success_codes(self) -> frozenset[int]:
        return self.success if isinstance(self.success, frozenset) else frozenset({self.success})


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)
