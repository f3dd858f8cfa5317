from celery import shared_task

from stewardship.services.alerts import feed_health_alert
from stewardship.services.retention import apply_retention


@shared_task(name="stewardship.feed_health_alerts")
def feed_health_alerts_task() -> dict[str, int]:
    """Tell the data officers about new (and week-old) feed problems (beat: daily)."""
    report = feed_health_alert()
    return {"raised": report.raised, "repeated": report.repeated, "cleared": report.cleared}


@shared_task(name="stewardship.apply_retention")
def apply_retention_task() -> int:
    """Remove what is past its feed's retention period (beat: nightly). Returns the run's id."""
    return apply_retention(by=None, dry_run=False).pk
