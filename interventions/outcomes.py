"""Outcome measures as the intervention page shows them: the baseline beside each later
measure, with the change, and the plain-words results the programme itself judges
success by ("no further anti-social-behaviour reports, attendance up to 100%,
specialist support received")."""

from dataclasses import dataclass

from interventions.models import Intervention, Measure


@dataclass(frozen=True)
class OutcomeRow:
    label: str
    cells: list[str]
    change: str


@dataclass(frozen=True)
class Outcomes:
    columns: list[Measure]
    rows: list[OutcomeRow]
    results: list[str]


def _weeks(n: int) -> str:
    return f"{n} school week{'s' if n != 1 else ''}"


def _percent(value: float | None) -> str:
    return "No sessions" if value is None else f"{value:g}%"


def _count(value: int) -> str:
    return str(value)


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


def outcome_rows(intervention: Intervention) -> Outcomes | None:
    measures = list(intervention.measures.order_by("measured_on", "pk"))
    baseline = next((m for m in measures if m.point == Measure.Point.BASELINE), None)
    if baseline is None:
        return None
    columns = [baseline, *[m for m in measures if m is not baseline]]
    latest = columns[-1] if len(columns) > 1 else None
    rows = [
        OutcomeRow(
            "Period",
            [f"{m.events_from:%-d %b %Y} to {m.events_to:%-d %b %Y}" for m in columns],
            "",
        ),
        OutcomeRow(
            "Attendance",
            [f"{_percent(m.attendance_percent)} over {_weeks(m.school_weeks)}" for m in columns],
            _change(baseline.attendance_percent, latest.attendance_percent, " points") if latest else "",
        ),
    ]
    for label, name in COUNTS:
        rows.append(
            OutcomeRow(
                label,
                [_count(getattr(m, name)) for m in columns],
                _change(getattr(baseline, name), getattr(latest, name)) if latest else "",
            )
        )
    return Outcomes(columns=columns, rows=rows, results=results(intervention, baseline, latest))


def results(intervention: Intervention, baseline: Measure, latest: Measure | None) -> list[str]:
    if latest is None:
        return []
    said = []
    if latest.asb_reports == 0:
        said.append(
            "No anti-social-behaviour reports since the start "
            f"({baseline.asb_reports} in the 6 months before)"
        )
    else:
        said.append(f"{latest.asb_reports} anti-social-behaviour report(s) since the start")
    before, after = baseline.attendance_percent, latest.attendance_percent
    if before is not None and after is not None:
        direction = "up" if after > before else "down" if after < before else "unchanged"
        said.append(
            f"Attendance {direction} from {before:g}% to {after:g}%"
            if direction != "unchanged"
            else f"Attendance unchanged at {after:g}%"
        )
    incidents = latest.police_incidents_as_suspect
    if incidents == 0:
        said.append("No new police incident as suspect since the start")
    else:
        plural = "s" if incidents != 1 else ""
        said.append(f"{incidents} police incident{plural} as suspect or arrested since the start")
    if intervention.specialist_support_received or latest.specialist_support:
        said.append("Specialist support received")
    elif intervention.specialist_support_received is False:
        said.append("Specialist support sought but not received")
    return said
