from __future__ import annotations

from django.db import transaction
from django.http import Http404

from digibank.core.models import ApiToken, User


@transaction.atomic
def create_api_token(*, user: User, name: str) -> str:
    """Make a token and return its key; only its hash is kept, so it is shown once."""
    key = ApiToken.generate_key()
    ApiToken.objects.create(user=user, name=name, prefix=key[4:10], key_hash=ApiToken.hash_key(key))
    return key


@transaction.atomic
def revoke_api_token(*, user: User, token_id: int) -> None:
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise Http404
