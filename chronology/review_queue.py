"""The review queue as a data officer reads it: one row per decision to make. A pupil
unknown to the portal has a queued register mark for every session, all waiting for the
same decision, so their marks are one row per UPN with the number of marks and their
date range; every other row is its own. Filters narrow it by feed, reason and age."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, CharField, Count, Max, Min, Q, QuerySet, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from chronology.importing.queue import AWAITING_MEMBERS
from chronology.models import Feed, LinkReview

QUEUE_ORIGIN = "link-review"
"""The queue's code in the address of a row or a reported link opened from it
(`way_back=`, schools.back_links): their back link and the return after a decision go
to the queue as the data officer left it, with its filters and page."""

UNKNOWN_PUPIL = "No pupil has UPN"
REASONS: dict[str, tuple[str, Q]] = {
    "unknown_pupil": ("No pupil has the UPN (register marks)", Q(reason__startswith=UNKNOWN_PUPIL)),
    "possible_match": ("Possible match", Q(reason__startswith="Possible match")),
    "several_match": ("More than one person matches", Q(reason__startswith="More than one person")),
    "no_match": (
        "No matching person",
        Q(reason="No matching person") | Q(reason__startswith="No person has these identifiers"),
    ),
    "conflicting_identifiers": (
        "Identifiers belong to different people",
        Q(reason__startswith="The row's identifiers") | Q(reason__startswith="The person with this"),
    ),
    "session_taken": ("Session already marked", Q(reason__startswith="Not linked to person")),
    "household": (
        "Household rows",
        Q(reason__startswith="The person this household row names") | Q(reason=AWAITING_MEMBERS),
    ),
    "split": ("Split from a person", Q(origin=LinkReview.Origin.SPLIT)),
}
AGES: dict[str, tuple[str, int]] = {
    "7": ("Waiting more than a week", 7),
    "30": ("Waiting more than 30 days", 30),
    "90": ("Waiting more than 90 days", 90),
}


def grouped(review: LinkReview) -> bool:
    """Whether the review stands for all the queued marks of an unknown pupil's UPN."""
    return review.source_record.feed.code == Feed.Code.ATTENDANCE and review.reason.startswith(UNKNOWN_PUPIL)


def _grouped_q() -> Q:
    return Q(source_record__feed__code=Feed.Code.ATTENDANCE, reason__startswith=UNKNOWN_PUPIL)


def filtered_reviews(*, feed: str = "", reason: str = "", age: str = "") -> QuerySet[LinkReview]:
    reviews = LinkReview.objects.filter(status=LinkReview.Status.OPEN)
    if feed:
        reviews = reviews.filter(source_record__feed__code=feed)
    if reason in REASONS:
        reviews = reviews.filter(REASONS[reason][1])
    if age in AGES:
        reviews = reviews.filter(created_at__lte=timezone.now() - timedelta(days=AGES[age][1]))
    return reviews


def queue_rows(reviews: QuerySet[LinkReview]) -> QuerySet:
    """One row per decision, oldest first: {key, review (the one to open), rows, first_day,
    last_day, queued}. Paginate it, then read the page's reviews with `page_reviews`."""
    upn = KeyTextTransform("upn", "source_record__values")
    key = Case(
        When(_grouped_q(), then=Concat(Value("upn:"), Cast(upn, CharField()))),
        default=Concat(Value("review:"), Cast("id", CharField())),
        output_field=CharField(),
    )
    day = Cast(KeyTextTransform("date", "source_record__values"), CharField())
    return (
        reviews.annotate(key=key)
        .values("key")
        .annotate(
            review=Min("id"),
            rows=Count("id"),
            first_day=Min(day),
            last_day=Max(day),
            queued=Min("created_at"),
        )
        .order_by("queued", "review")
    )


@dataclass(frozen=True)
class QueueRow:
    review: LinkReview
    rows: int
    first_day: date | None
    last_day: date | None

    @property
    def is_group(self) -> bool:
        return self.rows > 1 or grouped(self.review)


def page_reviews(rows: list[dict]) -> list[QueueRow]:
    reviews = LinkReview.objects.select_related("source_record__feed", "run", "split_from").in_bulk(
        [r["review"] for r in rows]
    )
    return [
        QueueRow(
            review=reviews[r["review"]],
            rows=r["rows"],
            first_day=date.fromisoformat(r["first_day"]) if r["first_day"] else None,
            last_day=date.fromisoformat(r["last_day"]) if r["last_day"] else None,
        )
        for r in rows
    ]


def same_pupil(review: LinkReview) -> dict:
    """For a grouped review's page: how many queued marks the decision settles, and their dates."""
    day = Cast(KeyTextTransform("date", "source_record__values"), CharField())
    group = LinkReview.objects.filter(
        _grouped_q(),
        status=LinkReview.Status.OPEN,
        source_record__values__upn=review.source_record.values["upn"],
    ).aggregate(rows=Count("id"), first_day=Min(day), last_day=Max(day))
    return {
        "rows": group["rows"],
        "first_day": date.fromisoformat(group["first_day"]) if group["first_day"] else None,
        "last_day": date.fromisoformat(group["last_day"]) if group["last_day"] else None,
    }


_PERSON_IN_REASON = re.compile(r"\bperson (\d+)\b")


def people_named(rows: list[QueueRow], decided: list[LinkReview]) -> set[int]:
    """Whom the queue page names, for its access-log entry: the person each recent
    decision linked a row to (the page links to their records), the person a waiting row
    was split from, and anyone its reason names ("Not linked to person 12: they already
    have a mark ..."), read from the words the page shows so that none is missed."""
    named = {review.person_id for review in decided if review.person_id}
    for row in rows:
        if row.review.split_from_id:
            named.add(row.review.split_from_id)
        named |= {int(found) for found in _PERSON_IN_REASON.findall(row.review.reason)}
    return named
