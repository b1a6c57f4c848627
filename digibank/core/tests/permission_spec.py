from digibank.core.tests.matrix import ACCOUNT, PUBLIC, Spec, no_kwargs


def _logged_in_redirects(role, case):
    return {200} if role == "anonymous" else {302}


# A link whose token is wrong: the page says the link does not work (200) for everyone.
_RESET_LINK = {"uidb64": "MQ", "token": "wrong-token"}

SPECS = {
    "login": Spec(PUBLIC, no_kwargs, expect=_logged_in_redirects),
    "logout": Spec(PUBLIC, no_kwargs, method="post", success=302),
    "password_change": Spec(ACCOUNT, no_kwargs),
    "password_change_done": Spec(ACCOUNT, no_kwargs),
    "password_reset": Spec(PUBLIC, no_kwargs),
    "password_reset_done": Spec(PUBLIC, no_kwargs),
    "password_reset_confirm": Spec(PUBLIC, lambda slug_bank, object_bank: _RESET_LINK),
    "password_reset_complete": Spec(PUBLIC, no_kwargs),
    "set_language": Spec(
        PUBLIC, no_kwargs, method="post", data=lambda world: {"language": "fr"}, success=302
    ),
}
