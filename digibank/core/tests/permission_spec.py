from digibank.core.models import ApiToken
from digibank.core.testing import ROLES
from digibank.core.tests.matrix import ACCOUNT, PUBLIC, STAFF, Spec, no_kwargs


def _token_kwargs(slug_bank, object_bank):
    """A token of the digibank's coordinator: only that user may revoke it."""
    user = slug_bank.users["coordinator"]
    token = ApiToken.objects.filter(user=user).first()
    if token is None:
        from digibank.core.services import create_api_token

        create_api_token(user=user, name="matrix")
        token = ApiToken.objects.get(user=user)
    return {"token_id": token.pk}


def _revoke_expect(role, case):
    if role == "anonymous":
        return {302}
    return {302} if role == "coordinator" else {404}


def _logged_in_redirects(role, case):
    return {200} if role == "anonymous" else {302}


SPECS = {
    "core:home": Spec(PUBLIC, no_kwargs),
    "core:accessibility": Spec(PUBLIC, no_kwargs),
    "core:privacy": Spec(PUBLIC, no_kwargs),
    "core:staff_home": Spec(ACCOUNT, no_kwargs, success=frozenset({200, 302})),
    "core:account": Spec(ACCOUNT, no_kwargs),
    "core:api_tokens": Spec(ACCOUNT, no_kwargs),
    "core:revoke_api_token": Spec(ACCOUNT, _token_kwargs, method="post", expect=_revoke_expect),
    "core:dashboard": Spec(STAFF, allowed=frozenset(ROLES)),
    "login": Spec(PUBLIC, no_kwargs, expect=_logged_in_redirects),
    "logout": Spec(PUBLIC, no_kwargs, method="post", success=302),
    "password_change": Spec(ACCOUNT, no_kwargs),
    "password_change_done": Spec(ACCOUNT, no_kwargs),
    "set_language": Spec(
        PUBLIC, no_kwargs, method="post", data=lambda world: {"language": "fr"}, success=302
    ),
}
