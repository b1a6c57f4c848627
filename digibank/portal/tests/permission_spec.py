from django.utils import timezone

from digibank.core.models import ApiToken, UserSession
from digibank.core.tests.matrix import ACCOUNT, PUBLIC, STAFF, Spec, no_kwargs
from digibank.testing import ROLES


def _token_kwargs(slug_bank, object_bank):
    """A token of the digibank's coordinator: only that user may revoke it."""
    user = slug_bank.users["coordinator"]
    token = ApiToken.objects.filter(user=user).first()
    if token is None:
        from digibank.core.services import create_api_token

        create_api_token(user=user, name="matrix")
        token = ApiToken.objects.get(user=user)
    return {"token_id": token.pk}


def _session_kwargs(slug_bank, object_bank):
    """A session of the digibank's coordinator in another browser: only that user may end it."""
    user = slug_bank.users["coordinator"]
    now = timezone.now()
    session, _ = UserSession.objects.get_or_create(
        session_key=f"matrix-{user.pk}",
        defaults={"user": user, "signed_in_at": now, "last_seen_at": now},
    )
    return {"session_id": session.pk}


def _revoke_expect(role, case):
    if role == "anonymous":
        return {302}
    return {302} if role == "coordinator" else {404}


SPECS = {
    "portal:home": Spec(PUBLIC, no_kwargs),
    "portal:accessibility": Spec(PUBLIC, no_kwargs),
    "portal:privacy": Spec(PUBLIC, no_kwargs),
    "portal:staff_home": Spec(ACCOUNT, no_kwargs, success=frozenset({200, 302})),
    "portal:account": Spec(ACCOUNT, no_kwargs),
    "portal:end_session": Spec(ACCOUNT, _session_kwargs, method="post", expect=_revoke_expect),
    "portal:end_other_sessions": Spec(ACCOUNT, no_kwargs, method="post", success=frozenset({302})),
    "portal:api_tokens": Spec(ACCOUNT, no_kwargs),
    "portal:revoke_api_token": Spec(ACCOUNT, _token_kwargs, method="post", expect=_revoke_expect),
    "portal:dashboard": Spec(STAFF, allowed=frozenset(ROLES)),
    # The second log-in step. The matrix's users have no app and, with the test settings, need
    # none: the step has nothing to ask and sends them on; they may set one up.
    "portal:second_step": Spec(ACCOUNT, no_kwargs, success=302),
    "portal:second_step_setup": Spec(ACCOUNT, no_kwargs),
    "portal:second_step_status": Spec(ACCOUNT, no_kwargs),
    "portal:recovery_codes": Spec(ACCOUNT, no_kwargs),
    "portal:confirm_password": Spec(ACCOUNT, no_kwargs),
}
