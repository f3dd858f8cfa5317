"""The pseudonymised export for analysts: one row per intervention with no name, date
of birth, UPN, NHS number or local id. Each young person gets a pseudonym from a key made
afresh for every export, so rows of one young person can be linked within an export but
never across two. Schools and programmes with fewer than SMALL_NUMBER young people in
the export are shown as SUPPRESSED, as the trigger-points aggregates do, so a rare
combination does not single anyone out."""

import hashlib
import hmac
import secrets
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from interventions.models import Intervention, Measure

SMALL_NUMBER = 5
SUPPRESSED = "<5"
HEADER = (
    "young_person",
    "school",
    "programme",
    "programme_kind",
    "referral_urgency",
    "start_month",
    "status",
    "closure_reason",
    "baseline_attendance_percent",
    "closure_attendance_percent",
    "baseline_police_incidents_as_suspect",
    "closure_police_incidents_as_suspect",
    "baseline_asb_reports",
    "closure_asb_reports",
    "specialist_support_received",
)


def _pseudonym(key: bytes, person_id: int) -> str:
    return "YP-" + hmac.new(key, str(person_id).encode(), hashlib.sha256).hexdigest()[:12]


def _suppressed(values: dict[int, str]) -> dict[int, str]:
    """Replaces each value held by fewer than SMALL_NUMBER people with SUPPRESSED."""
    people: dict[str, set[int]] = defaultdict(set)
    for person, value in values.items():
        people[value].add(person)
    return {p: (v if len(people[v]) >= SMALL_NUMBER else SUPPRESSED) for p, v in values.items()}


def analysts_rows(interventions: QuerySet[Intervention]) -> tuple[list[int], Iterable[list[object]]]:
    """(ids of the young people in it, for the access log; the rows)."""
    rows = list(interventions.select_related("programme", "referral__school").order_by("start_date", "pk"))
    measures = {
        (m.intervention_id, m.point): m
        for m in Measure.objects.filter(
            intervention__in=[i.pk for i in rows], point__in=[Measure.Point.BASELINE, Measure.Point.CLOSURE]
        )
    }
    key = secrets.token_bytes(32)
    person_school = _suppressed(
        {i.young_person_id: i.referral.school.name if i.referral.school else "Taskforce" for i in rows}
    )
    programme_people: dict[str, set[int]] = defaultdict(set)
    for i in rows:
        programme_people[i.programme.name].add(i.young_person_id)

    def line(i: Intervention) -> list[object]:
        before = measures.get((i.pk, Measure.Point.BASELINE))
        after = measures.get((i.pk, Measure.Point.CLOSURE))
        if after and after.too_soon:  # closed before a whole school week: nothing to compare
            after = None
        # Most kinds have one programme, so a kind shown would name a suppressed programme.
        shown = len(programme_people[i.programme.name]) >= SMALL_NUMBER
        return [
            _pseudonym(key, i.young_person_id),
            person_school[i.young_person_id],
            i.programme.name if shown else SUPPRESSED,
            i.programme.get_kind_display() if shown else SUPPRESSED,
            i.referral.urgency,
            i.start_date.strftime("%Y-%m"),
            i.status,
            i.closure_reason,
            before.attendance_percent if before else "",
            after.attendance_percent if after else "",
            before.police_incidents_as_suspect if before else "",
            after.police_incidents_as_suspect if after else "",
            before.asb_reports if before else "",
            after.asb_reports if after else "",
            ""
            if i.specialist_support_received is None
            else ("yes" if i.specialist_support_received else "no"),
        ]

    return sorted({i.young_person_id for i in rows}), (line(i) for i in rows)
