"""Read helpers for the outbox pages, always scoped to the user's digibank."""

from __future__ import annotations

from django.db.models import QuerySet

from digibank.messaging.models import Message, MessageStatus
from digibank.organisations.permissions import Access


def messages_for(access: Access) -> QuerySet[Message]:
    return access.scope(Message.objects.all())


def outbox(access: Access, *, status: str = "", kind: str = "") -> QuerySet[Message]:
    """The digibank's messages, newest first, with what the list shows in a fixed query count."""
    queryset = messages_for(access)
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.select_related("person").order_by("-created_at", "-id")


def failed_count(access: Access) -> int:
    """Messages that could not be delivered and wait for someone to act (send again, call)."""
    return messages_for(access).filter(status=MessageStatus.FAILED).count()
