from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def staff_name(user: Any) -> str:
    """A staff member's full name, else their username; empty for nobody (a deleted account)."""
    if user is None:
        return ""
    return user.get_full_name() or user.username
