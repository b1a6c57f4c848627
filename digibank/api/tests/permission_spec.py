"""The API's own URLs. Each app's endpoints are specified in that app's `permission_spec.py`.

The OpenAPI document is public. The interactive docs page is switched off (see `api.py`), so it has
no URL to specify. `api-root` exists only so ninja can build its URLs: it answers 404 to everyone,
and so does `unknown_path`, which catches every other path under /api/.
"""

from digibank.core.tests.matrix import API, PUBLIC, Spec, no_kwargs


def _always_not_found(role: str, case: str) -> set[int]:
    return {404}


def _any_token_holder(role: str, case: str) -> set[int]:
    """`/api/me` is about the caller: every valid token works, even one without a digibank role."""
    return {401} if role == "anonymous" else {200}


def _unknown_path(slug_bank, object_bank) -> dict[str, str]:
    return {"rest": f"digibanks/{slug_bank.digibank.slug}/nothing-here"}


SPECS = {
    "api:api-root": Spec(PUBLIC, no_kwargs, expect=_always_not_found),
    "api:openapi-json": Spec(PUBLIC, no_kwargs),
    "api:me": Spec(API, no_kwargs, expect=_any_token_holder),
    "api:unknown_path": Spec(PUBLIC, _unknown_path, expect=_always_not_found),
}
