"""Reference codes a resident can read out on the phone: short, with no look-alike characters.

Shared by the public flows that give a code (device requests, skills checks); typed back in any
case, with spaces or dashes (`normalise_code`)."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B: characters that are easy to mix up on paper or the phone.
ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"
LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display_code(code: str) -> str:
    """ "ACDEFHJK" → "ACDE-FHJK", easier to read and to type."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) == LENGTH else code


def normalise_code(typed: str) -> str:
    """The code as stored, from what a person typed: any case, spaces and dashes allowed."""
    return "".join(char for char in typed.upper() if char.isalnum())


def looks_like_a_code(code: str) -> bool:
    return len(code) == LENGTH and all(char in ALPHABET for char in code)
