"""Fragments of a page drawn by the Jinja2 backend, for the few hot lists that need its speed.

A page stays a Django template (layout, navigation, translations); only a fragment that repeats
many times, such as the 50 rows of the inventory, is drawn by Jinja2, which does it several times
faster. The view renders the fragment and hands it to the page as one value: `{{ rows }}`.
Fragment templates live in an app's `jinja2/` folder, never next to the Django templates.
"""

from __future__ import annotations

from typing import Any

from django.template import engines
from django.utils.safestring import SafeString


def render_fragment(name: str, context: dict[str, Any]) -> SafeString:
    """The fragment `name` as HTML that Django's template engine prints as it is.

    Safe to print because the Jinja2 backend escapes every value the fragment prints (Django
    switches its autoescape on, a test holds it); `SafeString` tells Django's engine so.
    Undefined names raise (`StrictUndefined` in the settings), so a typo cannot print nothing.
    """
    return SafeString(engines["jinja2"].get_template(name).render(context))
