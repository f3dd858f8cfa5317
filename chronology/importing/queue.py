"""Putting a row in the review queue (one open review per source record), and taking it
out again when a later import settles it."""

from django.utils import timezone

from chronology.importing import effects
from chronology.importing.rows import restore
from chronology.importing.specs import SPECS
from chronology.linkage import LinkResult
from chronology.models import FeedRun, LinkReview, SourceRecord
from schools.models import FamilyMember

HOUSEHOLD_ONLY = "family"
"""The link method of a household-level row that names nobody: it is the household's."""
AWAITING_MEMBERS = "No household with this family_id has members yet"


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


def households_with_members(family_ids: set[str]) -> set[str]:
    """Which of these households (by family_id) have anyone in them."""
    members = FamilyMember.objects.filter(family__family_id__in=family_ids)
    return set(members.values_list("family__family_id", flat=True).distinct())


def release_household_rows() -> int:
    """Household-level rows that waited because their household had nobody in it are
    applied once it has members (from the households feed, or a review decision on one
    of its rows); returns how many."""
    waiting = list(
        LinkReview.objects.filter(
            status=LinkReview.Status.OPEN,
            reason=AWAITING_MEMBERS,
            source_record__family__members__isnull=False,
        )
        .distinct()
        .select_related("source_record__feed", "source_record__last_run")
    )
    for review in waiting:
        record = review.source_record
        values = restore(SPECS[record.feed.code], record.values)
        effects.apply(feed=record.feed, run=record.last_run, record=record, values=values)
        record.link_method = HOUSEHOLD_ONLY
        record.save(update_fields=["link_method", "updated_at"])
    LinkReview.objects.filter(pk__in=[review.pk for review in waiting]).update(
        status=LinkReview.Status.LINKED,
        decided_at=timezone.now(),
        note="Attached to its household once the household had members",
    )
    return len(waiting)
