"""Small helpers shared by the feed generators: FEEDS.md value formats, the identity
columns each source holds, and random draws with a seeded stream."""

import itertools
import math
import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from portal.demo.city import DemoPerson

PERSON = "_person"
"""Key under which a generated row keeps the person it is about. Not a FEEDS.md column,
so the writer leaves it out; later generators use it to correlate feeds."""


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def iso_at(day: date, hour: int, minute: int) -> str:
    """A local date-time without offset (FEEDS.md: read as Europe/London)."""
    return datetime.combine(day, time(hour, minute)).isoformat(timespec="minutes")


def yes_no(value: bool) -> str:
    return "Y" if value else "N"


def identity(person: DemoPerson, *, upn: bool = False, nhs: bool = False, local: bool = False) -> dict:
    """The identity columns as a source that holds the named identifiers would send them.
    Every source holds names, date of birth, sex and postcode."""
    return {
        "upn": person.upn if upn else "",
        "nhs_number": person.nhs_number if nhs else "",
        "local_person_id": person.local_person_id if local else "",
        "forename": person.forename,
        "surname": person.surname,
        "date_of_birth": iso(person.date_of_birth),
        "sex": person.sex,
        "postcode": person.postcode,
        PERSON: person,
    }


def blank_identity() -> dict:
    return dict.fromkeys(("upn", "nhs_number", "local_person_id", "forename", "surname"), "") | {
        "date_of_birth": "",
        "sex": "",
        "postcode": "",
        PERSON: None,
    }


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means the city uses."""
    if mean <= 0:
        return 0
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def day_within(rng: random.Random, as_of: date, days: int, *, not_before: date | None = None) -> date:
    """A day in the `days` up to and including `as_of` (and not before `not_before`)."""
    earliest = as_of - timedelta(days=days)
    if not_before is not None and not_before > earliest:
        earliest = min(not_before, as_of)
    return earliest + timedelta(days=rng.randint(0, (as_of - earliest).days))


class Weighted:
    """A weighted choice with its cumulative weights worked out once: the city draws
    hundreds of thousands of these."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.options = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.options, cum_weights=self.cumulative)[0]


def some_of(rng: random.Random, options: Sequence[str], most: int) -> list[str]:
    return rng.sample(list(options), k=rng.randint(1, min(most, len(options))))


class SourceIds:
    """Sequential source record ids per feed, as a source system's own keys would be."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count:07d}"
