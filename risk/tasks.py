from datetime import date

from celery import shared_task

from risk.services.computing import compute_flags


@shared_task(name="risk.compute_flags_for_import")
def compute_flags_for_import_task(
    people: list[int], families: list[int], feed_code: str, days: list[str] | None = None
) -> int:
    """Recompute the indicators a feed can affect for the people an import touched;
    `days` (ISO first and last) bound the dates of what it wrote, when known."""
    span = (date.fromisoformat(days[0]), date.fromisoformat(days[1])) if days else None
    return compute_flags(people=people, families=families, feed_code=feed_code, days=span).raised


@shared_task(name="risk.compute_all_flags")
def compute_all_flags_task() -> int:
    """Nightly: every indicator for every young person, so windows that have moved on
    (an event turning 13 months old) clear flags even when no import touched them."""
    return compute_flags().raised
