"""Attendance marks whose UPN nobody holds wait: in the review queue, or, after a split
took the UPN from the wrong pupil, as marks without a pupil. Once a pupil holds the UPN
(a census row brought them, or a decision recorded it) the marks link to that pupil by
themselves, exactly as the next attendance file would link them, since an exact, valid
UPN links with certainty (FEEDS.md). Without this a data officer would have to decide
one mark per pupil, or import the register file again, after every census. A row a
split sent back to the queue is left for a data officer: someone decided it was not
that pupil's."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from chronology.importing.attendance import mark_tuple, people_by_upn, upsert_marks
from chronology.importing.attendance_sessions import taken_in_batch
from chronology.importing.attendance_weeks import refresh_weeks
from chronology.importing.locks import wait_for_attendance
from chronology.importing.rows import restore
from chronology.importing.specs import SPECS
from chronology.models import AttendanceMark, Feed, LinkReview, SourceRecord
from schools.models import School


@dataclass(frozen=True)
class Waiting:
    review: LinkReview
    values: dict
    person_id: int

    @property
    def session(self) -> tuple[int, date, str]:
        return self.person_id, self.values["date"], self.values["session"]


def _queued() -> QuerySet[LinkReview]:
    return LinkReview.objects.filter(
        status=LinkReview.Status.OPEN,
        origin=LinkReview.Origin.IMPORT,
        source_record__feed__code=Feed.Code.ATTENDANCE,
    )


def _held_upns() -> dict[str, int]:
    """The waiting UPNs a pupil now holds, with the pupil: two small queries when none
    do (the queue's distinct UPNs, and the marks without a pupil, by their own index)."""
    queued = _queued().values_list("source_record__values__upn", flat=True).distinct()
    unlinked = AttendanceMark.objects.filter(person=None).values_list("upn", flat=True).distinct()
    upns = {*queued, *unlinked} - {None, ""}
    return people_by_upn(upns) if upns else {}


def link_waiting_marks(*, because: str) -> int:
    """Link every waiting mark whose UPN a pupil now holds; because says what gave the
    pupil the UPN, for the review's note. Returns how many marks were linked. Runs in
    the caller's transaction; a running import of the attendance feed is waited for
    first, so that the two never write the same mark, but only when something waits,
    and what waits is read again after the wait (that import may have queued more)."""
    if not _held_upns():
        return 0
    feed = Feed.objects.get(code=Feed.Code.ATTENDANCE)
    wait_for_attendance(feed)
    held = _held_upns()
    weeks: set[tuple[int, date]] = set()
    linked = _link_queued(held, because=because, weeks=weeks)
    linked += _relink_unlinked(held, weeks=weeks)
    if linked:
        refresh_weeks(feed=feed, run=feed.runs.first(), pairs=weeks)
    return linked


def _relink_unlinked(held: dict[str, int], *, weeks: set) -> int:
    """Marks a split left without a pupil follow their UPN to whoever holds it now."""
    unlinked = AttendanceMark.objects.filter(person=None, upn__in=list(held))
    days: dict[str, list[date]] = {}
    for upn, day in unlinked.values_list("upn", "date"):
        days.setdefault(upn, []).append(day)
    for upn, those in days.items():
        unlinked.filter(upn=upn).update(person_id=held[upn])
        weeks |= {(held[upn], day) for day in those}
    return sum(len(those) for those in days.values())


def _link_queued(held: dict[str, int], *, because: str, weeks: set) -> int:
    reviews = _queued().filter(source_record__values__upn__in=list(held))
    waiting = [Waiting(review, values, held[values["upn"]]) for review, values in locked_with_values(reviews)]
    note = f"Linked by UPN once {because} gave the pupil this UPN"
    linked, changed = settle(waiting, method="upn", note=note, by=None)
    weeks |= changed
    return linked


def locked_with_values(reviews: QuerySet[LinkReview]) -> list[tuple[LinkReview, dict]]:
    """Open attendance reviews, locked against a decision on them meanwhile, with their
    rows' values, in source_record_id order (the marks' unique index takes them so)."""
    spec = SPECS[Feed.Code.ATTENDANCE]
    locked = (
        reviews.select_related("source_record")
        .select_for_update(of=("self",))
        .order_by("source_record__source_record_id")
    )
    return [(review, restore(spec, review.source_record.values)) for review in locked]


def settle(
    waiting: list[Waiting], *, method: str, note: str, by: User | None
) -> tuple[int, set[tuple[int, date]]]:
    """Link waiting marks to their pupils and close their reviews (by a data officer,
    or by nobody when linked by UPN). Returns how many marks were linked and the
    (pupil, day) pairs whose weeks the caller must refresh."""
    if not waiting:
        return 0, set()
    taken = taken_in_batch([(w.values["source_record_id"], w.session) for w in waiting])
    free = [w for position, w in enumerate(waiting) if position not in taken]
    _explain_taken([(waiting[position], holder) for position, (holder, _) in taken.items()])
    schools = dict(School.objects.filter(urn__in={w.values["urn"] for w in free}).values_list("urn", "pk"))
    now = timezone.now()
    records, reviews, marks = [], [], []
    for w in free:
        record = w.review.source_record
        record.person_id, record.link_confidence, record.link_method = w.person_id, 1.0, method
        record.updated_at = now
        records.append(record)
        w.review.status, w.review.person_id, w.review.note = LinkReview.Status.LINKED, w.person_id, note
        w.review.decided_by, w.review.decided_at = by, now
        reviews.append(w.review)
        marks.append(mark_tuple(w.values, w.person_id, schools[w.values["urn"]], record.last_run_id))
    SourceRecord.objects.bulk_update(records, ["person", "link_confidence", "link_method", "updated_at"])
    LinkReview.objects.bulk_update(reviews, ["status", "person", "note", "decided_by", "decided_at"])
    _, changed = upsert_marks(marks)
    return len(marks), changed


def session_taken(*, values: dict, person_id: int) -> str | None:
    """Why a mark cannot go to this pupil, if their session has a mark already."""
    taken = taken_in_batch([(values["source_record_id"], (person_id, values["date"], values["session"]))])
    return f"They already have {_holding(values, taken[0][0])}" if taken else None


def _holding(values: dict, holder: str) -> str:
    day = values["date"]
    return (
        f"a mark for the {values['session']} session of {day:%-d %b %Y} (source_record_id {holder}), "
        "and a session holds one mark"
    )


def _explain_taken(taken: list[tuple[Waiting, str]]) -> None:
    """A mark for a session the pupil already has a mark for would count it twice: it
    stays in the queue, saying why, for a data officer to reject or correct."""
    for w, holder in taken:
        w.review.reason = (
            f"Not linked to person {w.person_id}: they already have {_holding(w.values, holder)}"[:300]
        )
    LinkReview.objects.bulk_update([w.review for w, _ in taken], ["reason"])
