"""Outcome measures as the intervention page shows them: the baseline beside each later
measure, with the change, and the plain-words results the programme itself judges
success by ("no further anti-social-behaviour reports, attendance up to 100%,
specialist support received"), each count as far as the viewer may see it
(measures_seen)."""

from dataclasses import dataclass

from django.utils import timezone

from interventions.measures import first_measurable
from interventions.measures_seen import (
    PARTIAL_NOTICE,
    WITHHELD,
    WITHHELD_NOTICE,
    SeenMeasure,
    seen_measures,
    sees_everything,
)
from interventions.models import Intervention, Measure
from portal.sentences import counted


@dataclass(frozen=True)
class OutcomeRow:
    label: str
    cells: list[str]
    change: str


@dataclass(frozen=True)
class Outcomes:
    columns: list[SeenMeasure]
    rows: list[OutcomeRow]
    results: list[str]
    notices: list[str]
    """What the counts leave out for this viewer; the same whatever the data."""
    not_measured: str = ""
    """Said where the later figures would be while there is only the baseline, so the
    page does not show a column of blank changes with no word why."""


NO_WEEK_YET = "No whole school week since the start"


def _weeks(n: int) -> str:
    return counted(n, "school week")


def _percents(*values: float | None) -> list[str]:
    """Percentages read side by side, written to one precision: each alone read
    "from 57.1% to 69%", as if the second were rounder than the first. One decimal
    place for all when any has one, else none ("from 70% to 100%")."""
    places = 1 if any(v is not None and v != int(v) for v in values) else 0
    return ["No sessions" if v is None else f"{v:.{places}f}%" for v in values]


def _count(value: int | None) -> str:
    return WITHHELD if value is None else str(value)


def _change(before: float | None, after: float | None, unit: str = "") -> str:
    if before is None or after is None or not isinstance(before, int | float):
        return ""
    delta = round(after - before, 1)
    if delta == 0:
        return "No change"
    return f"{'+' if delta > 0 else '−'}{abs(delta):g}{unit}"


COUNTS = (
    ("Suspensions and exclusions", "suspensions"),
    ("Police incidents as suspect or arrested", "police_incidents_as_suspect"),
    ("Anti-social-behaviour reports", "asb_reports"),
    ("Missing episodes", "missing_episodes"),
    ("Specialist support (sessions attended, CAMHS acceptances)", "specialist_support"),
    ("Open trigger points", "open_trigger_points"),
)


def outcome_rows(intervention: Intervention, viewer: object) -> Outcomes | None:
    measures = list(intervention.measures.order_by("measured_on", "pk"))
    first = next((m for m in measures if m.point == Measure.Point.BASELINE), None)
    if first is None:
        return None
    taken = [first, *[m for m in measures if m is not first]]
    columns = seen_measures(viewer, taken)
    baseline, latest = columns[0], (columns[-1] if len(columns) > 1 else None)
    too_soon = latest is not None and latest.measure.too_soon
    if too_soon:
        latest = None
    rows = [
        OutcomeRow("Period", [f"{m.events_from:%-d %b %Y} to {m.events_to:%-d %b %Y}" for m in taken], ""),
        OutcomeRow(
            "Attendance",
            [
                NO_WEEK_YET if m.too_soon else f"{percent} over {_weeks(m.school_weeks)}"
                for m, percent in zip(taken, _percents(*(m.attendance_percent for m in taken)), strict=True)
            ],
            _change(first.attendance_percent, taken[-1].attendance_percent, " points") if latest else "",
        ),
    ]
    for label, name in COUNTS:
        rows.append(
            OutcomeRow(
                label,
                [_count(m.counts[name]) for m in columns],
                _change(baseline.counts[name], latest.counts[name]) if latest else "",
            )
        )
    notices = [] if sees_everything(viewer) else [PARTIAL_NOTICE]
    if any(None in m.counts.values() for m in columns):
        notices.append(WITHHELD_NOTICE)
    return Outcomes(
        columns=columns,
        rows=rows,
        results=results(intervention, baseline, latest),
        notices=notices,
        not_measured="" if latest else not_measured_yet(intervention, too_soon=too_soon),
    )


def not_measured_yet(intervention: Intervention, *, too_soon: bool = False) -> str:
    """Only the baseline, or a later measure taken before a whole school week since the
    start had passed: the period since the start is measured on the review date (the
    daily task), when a review is recorded and at closure, not as it goes, and a week
    from before the start is never set beside the baseline."""
    first = first_measurable(intervention.start_date)
    if not intervention.is_active:
        if not too_soon:
            return "Nothing was measured since the start: the intervention closed before it started."
        return (
            f"Not measured: the intervention closed on {intervention.closed_on:%-d %b %Y}, before a whole "
            f"school week had passed since its start (the first would have ended on {first:%-d %b %Y}), "
            "so there is nothing to set beside the baseline."
        )
    if too_soon and timezone.localdate() >= first:
        return (
            "Not measured since the start yet: it was last measured before the first whole school week "
            f"since the start ended, on {first:%-d %b %Y}. The portal measures it again on the review "
            f"date, {intervention.review_date:%-d %b %Y}, or when a review is recorded or the "
            "intervention closed."
        )
    if too_soon or intervention.review_date < first:
        return (
            "Not measured since the start yet: no whole school week since the start has passed. The "
            f"first ends on {first:%-d %b %Y}; from then the portal measures the period since the start "
            "on the review date, or when a review is recorded or the intervention closed."
        )
    return (
        "Not measured since the start yet: the portal first measures the period since the start "
        f"on the review date, {intervention.review_date:%-d %b %Y}, or when a review is recorded "
        "or the intervention closed before then."
    )


def results(intervention: Intervention, baseline: SeenMeasure, latest: SeenMeasure | None) -> list[str]:
    """Says nothing of a count withheld from the viewer."""
    if latest is None:
        return []
    said = []
    before_asb, asb = baseline.counts["asb_reports"], latest.counts["asb_reports"]
    if asb == 0:
        before_asb_said = "" if before_asb is None else f" ({before_asb} in the 6 months before)"
        said.append(f"No anti-social-behaviour reports since the start{before_asb_said}")
    elif asb:
        said.append(f"{counted(asb, 'anti-social-behaviour report')} since the start")
    before, after = baseline.measure.attendance_percent, latest.measure.attendance_percent
    if before is not None and after is not None:
        direction = "up" if after > before else "down" if after < before else "unchanged"
        was, now = _percents(before, after)
        said.append(
            f"Attendance {direction} from {was} to {now}"
            if direction != "unchanged"
            else f"Attendance unchanged at {now}"
        )
    incidents = latest.counts["police_incidents_as_suspect"]
    if incidents == 0:
        said.append("No new police incident as suspect since the start")
    elif incidents:
        said.append(f"{counted(incidents, 'police incident')} as suspect or arrested since the start")
    if intervention.specialist_support_received or latest.counts["specialist_support"]:
        said.append("Specialist support received")
    elif intervention.specialist_support_received is False:
        said.append("Specialist support sought but not received")
    return said
