"""Reads of the feed register, import runs, the review queue and attendance."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Q, QuerySet

from chronology.marks import days_between, marks_on
from chronology.models import Feed, FeedRun, LinkReview, SourceRecord
from chronology.models.attendance import ATTENDED, POSSIBLE
from schools.models import Person


def published_feeds() -> QuerySet[Feed]:
    """The feeds the privacy notice lists: every feed on the register, importable or not,
    so the notice never understates what the portal may hold."""
    return Feed.objects.order_by("name")


def recent_runs(*, feed: Feed | None = None) -> QuerySet[FeedRun]:
    runs = FeedRun.objects.select_related("feed", "started_by")
    return runs.filter(feed=feed) if feed else runs


def rejected_rows_download(*, run: FeedRun) -> tuple[list[str], Iterator[list[str]]]:
    """The header and rows of a run's rejected-rows file: the header as sent plus `error`.
    A row with too few cells is padded with empty ones and a row with too many keeps its
    surplus after `error`, under extra_1, extra_2, ..., so that every cell stays under its
    own header and the error under `error`."""
    width = len(run.header)
    rejected = run.rejected_rows.all()
    surplus = max((len(v) - width for v in rejected.values_list("values", flat=True).iterator()), default=0)
    header = [*run.header, "error", *(f"extra_{n}" for n in range(1, surplus + 1))]

    def rows() -> Iterator[list[str]]:
        for row in rejected.iterator():
            cells = row.values[:width]
            padding = [""] * (width - len(cells))
            yield [*cells, *padding, f"line {row.line_number}: {row.reason}", *row.values[width:]]

    return header, rows()


def open_reviews() -> QuerySet[LinkReview]:
    return LinkReview.objects.filter(status=LinkReview.Status.OPEN).select_related(
        "source_record__feed", "run", "split_from"
    )


def decided_reviews() -> QuerySet[LinkReview]:
    return (
        LinkReview.objects.exclude(status=LinkReview.Status.OPEN)
        .select_related("source_record__feed", "decided_by", "person")
        .order_by("-decided_at", "-id")
    )


def linked_records(*, person: Person) -> QuerySet[SourceRecord]:
    return person.source_records.select_related("feed", "last_run").order_by("feed__name", "source_record_id")


def find_person(*, identifier: str) -> Person | None:
    """Exact lookup by UPN, NHS number or local person id (what a data officer holds)."""
    value = identifier.strip()
    compact = value.replace(" ", "")
    return Person.objects.filter(
        Q(upn=value.upper()) | Q(nhs_number=compact) | Q(local_person_id=value)
    ).first()


def attendance_rate(*, person: Person, start: date, end: date) -> float | None:
    """Present-or-attending sessions over possible sessions between two dates inclusive
    (one indexed aggregate), or None when no session was possible."""
    totals = marks_on(person_ids=[person.pk], days=days_between(start, end)).aggregate(
        attended=Count("id", filter=Q(meaning__in=ATTENDED)),
        possible=Count("id", filter=Q(meaning__in=POSSIBLE)),
    )
    return totals["attended"] / totals["possible"] if totals["possible"] else None
