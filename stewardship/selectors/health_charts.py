"""The charts of one feed's health over the last 90 days, each with its data as a table
(portal.charts)."""

from datetime import datetime, timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone

from chronology.models import LinkReview
from portal.charts import Chart, line_chart
from stewardship.selectors.health import WINDOW_DAYS, FeedHealth

WEEKS = WINDOW_DAYS // 7


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _run_chart(health: FeedHealth, *, title: str, label: str, value, unit: str = "") -> Chart:
    points = [(timezone.localtime(r.finished_at), v) for r in health.runs if (v := value(r)) is not None]
    return line_chart(title=title, x_label="Import", y_label=label, series={label: points}, unit=unit)


def review_age_by_week(health: FeedHealth, *, now: datetime) -> list[tuple[datetime, int, int]]:
    """(end of week, reviews open then, days the oldest had waited) for each of the last 13
    weeks: reviews open at a moment are those created before it and not yet decided."""
    points = []
    reviews = LinkReview.objects.filter(source_record__feed=health.feed)
    for weeks_back in range(WEEKS - 1, -1, -1):
        moment = now - timedelta(weeks=weeks_back)
        open_then = reviews.filter(
            Q(decided_at__isnull=True) | Q(decided_at__gt=moment), created_at__lte=moment
        ).aggregate(n=Count("id"), oldest=Min("created_at"))
        age = (moment - open_then["oldest"]).days if open_then["oldest"] else 0
        points.append((timezone.localtime(moment), open_then["n"], age))
    return points


def health_charts(health: FeedHealth, *, now: datetime | None = None) -> list[Chart]:
    now = now or timezone.now()
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
        weeks = review_age_by_week(health, now=now)
        charts.append(
            line_chart(
                title="Review queue: age of the oldest waiting row, weekly",
                x_label="Week ending",
                y_label="Days waiting",
                series={"Days waiting": [(day, age) for day, _, age in weeks]},
            )
        )
    return charts
