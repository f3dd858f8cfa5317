"""The taskforce's caseload: the young people flags and referrals put on it, from the
sources those apps register here (this layer never imports them). Part of the access
layer, resolved into a user's scope in access_scope.py; import through `accounts.access`."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.access_holdings import is_young, young_people


@dataclass(frozen=True)
class CaseloadSource:
    """Rows that put young people on the taskforce's caseload (current flags,
    referrals), and the field of theirs naming the young person. From the two the
    access layer asks either question the database answers well: all the caseload at
    once (a list of every flagged young person, hashed), or whether each of a few
    people is on it (an index probe per person, as EXISTS)."""

    rows: Callable[[], QuerySet]
    person: str

    def everyone(self) -> Q:
        return Q(pk__in=self.rows().values(self.person))

    def this_person(self) -> Q:
        return Q(Exists(self.rows().filter(**{self.person: OuterRef("pk")})))


TASKFORCE_CASELOAD_SOURCES: list[CaseloadSource] = []
"""Where flags and referrals plug in: each app appends a source of the young people it
puts on the taskforce's caseload (flagged, referred). With none registered the
taskforce reaches young people through break-glass and per-person grants alone."""


def register_taskforce_caseload(rows: Callable[[], QuerySet], *, person: str) -> CaseloadSource:
    source = CaseloadSource(rows=rows, person=person)
    TASKFORCE_CASELOAD_SOURCES.append(source)
    return source


def taskforce_caseload() -> tuple[Q | None, Q | None]:
    """The hook for flags and referrals: young people the taskforce works with, left to
    the database; None while no source is registered. Two forms of the same set. The
    whole caseload as `id IN (...)`, for lists drawn from all of it: PostgreSQL hashes
    every current flag once. Per person as EXISTS, for questions about the people at
    hand: under an OR an IN list cannot become a join, so the hashed form costs the
    whole caseload (~45 ms at city scale) however few people are asked about, while
    PostgreSQL puts EXISTS on the inner side of a join as a probe per row, and keeps
    probing across a list of every flag too, at over twice the hash's cost."""
    if not TASKFORCE_CASELOAD_SOURCES:
        return None, None
    everyone = reduce(or_, (source.everyone() for source in TASKFORCE_CASELOAD_SOURCES))
    each = reduce(or_, (source.this_person() for source in TASKFORCE_CASELOAD_SOURCES))
    return Q(pk__in=young_people().filter(everyone).values("pk")), is_young() & each
