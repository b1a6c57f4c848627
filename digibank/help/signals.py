"""Wiring done once at start-up: a region gets its first help topics with its first digibank."""

from __future__ import annotations

from typing import Any

from digibank.organisations import hooks
from digibank.organisations.models import Digibank


def _new_digibank(sender: type[Digibank], digibank: Digibank, **kwargs: Any) -> None:
    from digibank.help.content import install_region_topics
    from digibank.help.models import HelpTopic

    install_region_topics(digibank.region, HelpTopic)


def connect() -> None:
    hooks.digibank_created.connect(_new_digibank, dispatch_uid="help_topics_for_new_region")
