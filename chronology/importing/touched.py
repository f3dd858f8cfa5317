"""Who an import changed, told to the layers built on the chronology once the import
has succeeded (trigger points recompute their flags for those people). The chronology
never imports those layers: they register a listener here. Listeners are called
inside the import's transaction, so work they queue with transaction.on_commit runs
only if the import is kept."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Touched:
    run_id: int
    feed_code: str
    people: set[int] = field(default_factory=set)
    """People whose records, events, marks or memberships the import wrote or moved."""
    families: set[int] = field(default_factory=set)
    """Households whose own records or membership the import wrote."""
    dated: tuple[date, date] | None = None
    """The first and last day of the records it wrote, when every note came with them
    (register marks do): a layer above can leave alone what looks only at other days."""
    undated: bool = False
    """Some note came without days, so `dated` does not bound what the import wrote."""

    @property
    def days(self) -> tuple[date, date] | None:
        return None if self.undated else self.dated


ImportListener = Callable[[Touched], None]
IMPORT_LISTENERS: list[ImportListener] = []
_current: ContextVar[Touched | None] = ContextVar("import_touched", default=None)


def register_import_listener(listener: ImportListener) -> ImportListener:
    IMPORT_LISTENERS.append(listener)
    return listener


@contextmanager
def collecting(*, run_id: int, feed_code: str) -> Iterator[Touched]:
    touched = Touched(run_id=run_id, feed_code=feed_code)
    token = _current.set(touched)
    try:
        yield touched
    finally:
        _current.reset(token)


def note(
    *,
    people: Iterable[int | None] = (),
    families: Iterable[int | None] = (),
    days: tuple[date, date] | None = None,
) -> None:
    """Record who the import being run touched, and the first and last day of what it
    wrote about them when it knows; outside an import, nothing happens."""
    touched = _current.get()
    if touched is None:
        return
    people = {p for p in people if p is not None}
    families = {f for f in families if f is not None}
    if not (people or families):
        return
    touched.people |= people
    touched.families |= families
    if days is None:
        touched.undated = True
    elif touched.dated is None:
        touched.dated = days
    else:
        touched.dated = (min(touched.dated[0], days[0]), max(touched.dated[1], days[1]))


def announce(touched: Touched) -> None:
    for listener in IMPORT_LISTENERS:
        listener(touched)
