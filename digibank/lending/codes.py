"""The reference codes of device requests: the shared short codes of `digibank.core.codes`."""

from digibank.core.codes import (
    ALPHABET,
    LENGTH,
    display_code,
    looks_like_a_code,
    new_code,
    normalise_code,
)

__all__ = ["ALPHABET", "LENGTH", "display_code", "looks_like_a_code", "new_code", "normalise_code"]
