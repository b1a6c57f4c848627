from digibank.core.tests.matrix import ACCOUNT, PUBLIC, Spec, no_kwargs


def _logged_in_redirects(role, case):
    return {200} if role == "anonymous" else {302}


SPECS = {
    "login": Spec(PUBLIC, no_kwargs, expect=_logged_in_redirects),
    "logout": Spec(PUBLIC, no_kwargs, method="post", success=302),
    "password_change": Spec(ACCOUNT, no_kwargs),
    "password_change_done": Spec(ACCOUNT, no_kwargs),
    "set_language": Spec(
        PUBLIC, no_kwargs, method="post", data=lambda world: {"language": "fr"}, success=302
    ),
}
