"""Putting a row in the review queue (one open review per source record)."""

from django.utils import timezone

from chronology.linkage import LinkResult
from chronology.models import FeedRun, LinkReview, SourceRecord


def queue_for_review(*, record: SourceRecord, run: FeedRun, result: LinkResult) -> LinkReview:
    review, _ = LinkReview.objects.update_or_create(
        source_record=record,
        status=LinkReview.Status.OPEN,
        defaults={"run": run, "reason": result.reason[:300], "candidates": result.candidates},
    )
    return review


def close_automatically(*, record: SourceRecord) -> None:
    """A queued row that a later import could link with certainty leaves the queue."""
    LinkReview.objects.filter(source_record=record, status=LinkReview.Status.OPEN).update(
        status=LinkReview.Status.LINKED,
        person=record.person,
        decided_at=timezone.now(),
        note="Linked by a later import",
    )
