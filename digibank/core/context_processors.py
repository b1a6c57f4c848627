from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def digibank(request: HttpRequest) -> dict[str, Any]:
    """The current tenant and the user's permissions in it, for navigation and headers; on a
    region page, the region and the user's region permissions."""
    access = getattr(request, "access", None)
    if access is None:
        region_access = getattr(request, "region_access", None)
        if region_access is None:
            return {}
        return {"current_region": region_access.region, "region_perms": region_access.perms}
    return {"access": access, "current_digibank": access.digibank, "perms_here": access.perms}
