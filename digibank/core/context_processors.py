from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def digibank(request: HttpRequest) -> dict[str, Any]:
    """The current tenant and the user's permissions in it, for navigation and headers."""
    access = getattr(request, "access", None)
    if access is None:
        return {}
    return {"access": access, "current_digibank": access.digibank, "perms_here": access.perms}
