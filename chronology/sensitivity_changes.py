"""A change of a feed's default sensitivity, told to the layers built on the chronology
inside the register edit's own transaction. Whatever those layers store about the
feed's records at the old tier (trigger points keep the sensitivity of their evidence)
is then brought up to date before anyone can read it, or not at all if the edit rolls
back. The chronology never imports those layers: they register a listener here."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SensitivityChange:
    feed_id: int
    feed_code: str
    before: str
    after: str
    """The feed's new default; its events that had the old default now have this one,
    and those given another sensitivity on purpose keep theirs."""


SensitivityListener = Callable[[SensitivityChange], None]
SENSITIVITY_LISTENERS: list[SensitivityListener] = []


def register_sensitivity_listener(listener: SensitivityListener) -> SensitivityListener:
    SENSITIVITY_LISTENERS.append(listener)
    return listener


def announce_sensitivity_change(change: SensitivityChange) -> None:
    for listener in SENSITIVITY_LISTENERS:
        listener(change)
