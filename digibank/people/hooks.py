"""What the people layer lets the domains above it tell each other about a person, without any
of them importing another.

skills and lending are independent siblings: neither may import the other. Where something that
happens in one concerns the other, the one it happens in sends a signal of this module and the
other connects to it in its `AppConfig.ready`, writing only its own tables through its own
services.

`module_completed` (a Django signal)
    Sent by skills when a person completes a learning module (the completion rules of the module
    are met), inside the transaction that records the completion: a receiver's rows roll back
    with it, and an error in a receiver undoes the completion. Keyword arguments:

    - `sender`: the `Person` class;
    - `person`: the `Person` who completed the module;
    - `module`: a `CompletedModule`, the module as plain values (no skills model);
    - `digibank`: the `Digibank` where the person followed it (the person's own);
    - `by`: the actor who recorded the completion (an `Access` or a `SystemActor`); the sender
      checked that actor's permission to record it.

    Connected by lending: a completed module at DigComp's foundation level meets the loan
    condition "follow the starter course" on the person's active loans.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal

module_completed = Signal()


@dataclass(frozen=True)
class CompletedModule:
    """A completed module as a receiver needs it: its key in the region's catalogue, its title in
    Dutch (kept in a history row; not personal) and its DigComp proficiency level (1-8)."""

    key: str
    title: str
    level: int
