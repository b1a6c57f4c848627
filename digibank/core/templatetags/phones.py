"""`{% phone_link number %}`: a stored phone number as people write it, with a tap-to-call link.

Belgian numbers show in the national form ("0470 12 34 56"), others in the international form;
the link always dials E.164. An old value that does not read as a number (see
`digibank.core.phones`) shows as typed, without a link, marked for staff to correct.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from digibank.core.phones import display_phone, phone_text

register = template.Library()


@register.simple_tag
def phone_link(stored: str | None, quiet: bool = False) -> SafeString | str:
    """The link, or "" for no number; `quiet` leaves out the staff note (public pages)."""
    shown = display_phone(stored or "")
    if shown is None:
        return ""
    if shown.unchecked:
        if quiet:
            return shown.text
        return format_html(
            '{} <span class="tag tag--red">{}</span>', shown.text, _("check this number")
        )
    return format_html('<a href="{}" class="phone">{}</a>', shown.href, shown.text)


@register.filter(name="phone_text")
def phone_text_filter(stored: str | None) -> str:
    """The number as plain text, for places where a link does not fit (a table of answers)."""
    return phone_text(stored or "")
