"""The charts of one feed's health over the last 90 days, each with its data as a table
(portal.charts)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone

from chronology.models import LinkReview
from portal.charts import Chart, line_chart
from stewardship.selectors.health import WINDOW_DAYS, FeedHealth

WEEKS = WINDOW_DAYS // 7


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


@dataclass(frozen=True)
class HealthCharts:
    charts: list[Chart]
    notes: list[str]
    """What there is no chart of, in words: a flat line at 0 or an empty frame would read
    as a measurement."""


def _run_chart(health: FeedHealth, *, title: str, label: str, value, unit: str = "") -> Chart:
    points = [(timezone.localtime(r.finished_at), v) for r in health.runs if (v := value(r)) is not None]
    return line_chart(title=title, x_label="Import", y_label=label, series={label: points}, unit=unit)


def review_age_by_week(health: FeedHealth, *, now: datetime) -> list[tuple[datetime, int, int]]:
    """(end of week, reviews open then, days the oldest had waited) for each of the last
    WEEKS weeks (the 90-day window): reviews open at a moment are those created before it and not yet decided.
    One query, whatever the queue's history: each week is a filtered aggregate over the
    reviews that were open at some point in the window (a year of decided reviews is not
    read again for each week). Weeks are stepped back on the London calendar: in 24-hour
    days a week before the clocks changed would end an hour off, at 23:30 on a Sunday
    for a chart seen at 00:30 on a Monday, and be labelled with the wrong day."""
    local_now = timezone.localtime(now)
    moments = [local_now - timedelta(weeks=weeks_back) for weeks_back in range(WEEKS - 1, -1, -1)]
    reviews = LinkReview.objects.filter(
        Q(decided_at__isnull=True) | Q(decided_at__gt=moments[0]),
        source_record__feed=health.feed,
        created_at__lte=now,
    )
    open_at = [Q(created_at__lte=m) & (Q(decided_at__isnull=True) | Q(decided_at__gt=m)) for m in moments]
    figures = reviews.aggregate(
        **{f"n{i}": Count("id", filter=q) for i, q in enumerate(open_at)},
        **{f"oldest{i}": Min("created_at", filter=q) for i, q in enumerate(open_at)},
    )
    points = []
    for i, moment in enumerate(moments):
        oldest = figures[f"oldest{i}"]
        points.append((timezone.localtime(moment), figures[f"n{i}"], (moment - oldest).days if oldest else 0))
    return points


def health_charts(health: FeedHealth, *, now: datetime | None = None) -> HealthCharts:
    now = now or timezone.now()
    if not health.runs:
        charts, notes = [], ["No imports in the last 90 days, so there is nothing to chart."]
    else:
        charts, notes = _runs_charts(health), []
    if health.person_level:
        weeks = review_age_by_week(health, now=now)
        if any(waiting for _, waiting, _ in weeks):
            charts.append(
                line_chart(
                    title="Review queue: age of the oldest waiting row, weekly",
                    x_label="Week ending",
                    y_label="Days waiting",
                    series={"Days waiting": [(day.date(), age) for day, _, age in weeks]},
                )
            )
        else:
            notes.append("No row has waited for review in the last 90 days.")
    return HealthCharts(charts=charts, notes=notes)


def _runs_charts(health: FeedHealth) -> list[Chart]:
    charts = [
        _run_chart(health, title="Rows per import", label="Rows", value=lambda r: r.rows),
        _run_chart(
            health,
            title="Reject rate",
            label="Rows rejected",
            value=lambda r: _percent(r.reject_rate),
            unit="%",
        ),
    ]
    if health.person_level:
        charts += [
            _run_chart(
                health,
                title="Share linked with certainty",
                label="Rows linked with certainty",
                value=lambda r: _percent(r.certain_share),
                unit="%",
            ),
            _run_chart(
                health,
                title="Share queued for review",
                label="Rows queued for review",
                value=lambda r: _percent(r.queued_share),
                unit="%",
            ),
        ]
    # An import of no rows has no shares: its share charts would be empty frames.
    return [chart for chart in charts if chart.rows]
