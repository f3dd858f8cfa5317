"""Keeping the outcome measures true to the sessions. A measure's specialist support
counts the young person's attended sessions of specialist programmes in its window
(measures.py); the measures are snapshots, taken at allocation, each review and the
closure, so a session corrected or withdrawn afterwards would leave them counting it.
This moves each affected measure by exactly the sessions that changed, and nothing else:
a fresh measure would also pick up whatever the feeds have brought since, which is not
what the correction was about. The sessions' part of the count (by_sensitivity, which
decides what a worker is shown of it) moves with it."""

from collections import Counter
from datetime import date

from django.db.models import F

from interventions.measures import SESSION_SENSITIVITY, SESSIONS
from interventions.models import Measure, Programme

Counted = Counter[tuple[int, date]]
"""Attended, counted sessions as (young person id, day) -> how many."""


def _in_window(counted: Counted, measure: Measure) -> int:
    return sum(
        n
        for (person, day), n in counted.items()
        if person == measure.person and measure.events_from <= day <= measure.events_to
    )


def _move_sessions_part(measure: Measure, delta: int) -> None:
    """A measure taken before its parts were kept keeps none: it stays withheld from
    anyone who does not see every tier."""
    parts = measure.by_sensitivity.get("specialist_support")
    if parts is None:
        return
    sessions = max(0, parts.pop(SESSIONS, {}).get(SESSION_SENSITIVITY, 0) + delta)
    if sessions:
        parts[SESSIONS] = {SESSION_SENSITIVITY: sessions}


def recount_specialist_support(*, programme: int, before: Counted, after: Counted) -> int:
    """Adjusts the measures of every young person the change touched, in two queries
    however many there are. Returns how many measures changed."""
    if before == after or not Programme.objects.filter(pk=programme, kind=Programme.Kind.SPECIALIST).exists():
        return 0
    people = {person for person, _ in before} | {person for person, _ in after}
    measures = Measure.objects.filter(intervention__young_person_id__in=people).annotate(
        person=F("intervention__young_person_id")
    )
    changed = []
    for measure in measures:
        delta = _in_window(after, measure) - _in_window(before, measure)
        if delta:
            measure.specialist_support = max(0, measure.specialist_support + delta)
            _move_sessions_part(measure, delta)
            changed.append(measure)
    if changed:
        Measure.objects.bulk_update(changed, ["specialist_support", "by_sensitivity"])
    return len(changed)
