"""The help pillar's tables: the help topics (a region's essential services, with a digibank's
local additions)."""

from digibank.help.models.topics import HelpTopic, in_language

__all__ = ["HelpTopic", "in_language"]
