"""Fragments of a page drawn by the Jinja2 backend, for the few hot lists that need its speed.

A page stays a Django template (layout, navigation, translations); only a fragment that repeats
many times, such as the 50 rows of the inventory, is drawn by Jinja2, which does it several times
faster. A fragment is a Jinja2 macro in an app's `jinja2/` folder (never next to the Django
templates); the view calls it and hands the result to the page as one value: `{{ rows }}`.
"""

from __future__ import annotations

from typing import Any, cast

from django.template import engines
from django.template.backends.jinja2 import Jinja2


def macros(name: str) -> Any:
    """The macros of the Jinja2 template `name`: `macros("x.html").rows(...)` draws `rows`.

    A macro returns `Markup`: HTML in which the Jinja2 backend escaped every value it printed
    (Django switches autoescape on; a test holds it). Django's template engine prints `Markup` as
    it is, through its `__html__`. Undefined names raise (`StrictUndefined` in the settings), so a
    typo cannot silently print nothing. Calling a macro skips the set-up of a template render,
    which costs more than five short lists of options themselves.
    """
    return cast(Jinja2, engines["jinja2"]).env.get_template(name).module
