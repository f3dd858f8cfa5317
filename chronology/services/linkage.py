"""Decisions on the review queue, and splitting records off a person they were wrongly
linked to. Both are logged (auditlog on LinkReview, with the data officer as actor)."""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from chronology.identifier_conflicts import someone_else_by_identifiers
from chronology.importing import effects
from chronology.importing.attendance_weeks import refresh_weeks
from chronology.importing.queue import release_household_rows
from chronology.importing.rows import restore
from chronology.importing.specs import SPECS
from chronology.importing.waiting_marks import (
    Waiting,
    link_waiting_marks,
    locked_with_values,
    session_taken,
    settle,
)
from chronology.linkage import IDENTIFIERS, Identity, Linker, review_candidates
from chronology.marks import all_marks_of
from chronology.models import Feed, LinkReview, SourceRecord
from chronology.review_queue import UNKNOWN_PUPIL, grouped
from chronology.selectors import can_create_person
from schools.models import Person, School

NO_NEW_PERSON = (
    "A new person cannot be created from this row: it does not have a forename, surname "
    "and date of birth. Link it to the person it is about, or wait for the school census "
    "to bring them in."
)


def _apply_linked(record: SourceRecord) -> None:
    values = restore(SPECS[record.feed.code], record.values)
    school = School.objects.filter(urn=values["urn"]).first() if values.get("urn") else None
    if values.get("urn") and school is None:
        raise ValidationError(f"No school has URN {values['urn']}; import the schools file first.")
    effects.apply(feed=record.feed, run=record.last_run, record=record, values=values, school=school)


def _identity(record: SourceRecord) -> Identity:
    return Identity.from_values(restore(SPECS[record.feed.code], record.values))


@transaction.atomic
def settle_waiting_marks(*, because: str) -> int:
    """Link the attendance marks waiting for a UPN that a pupil now holds (see
    chronology.importing.waiting_marks); returns how many."""
    return link_waiting_marks(because=because)


def _settle_waiting_marks_later(*, because: str) -> None:
    """After a decision commits, in a task of its own: linking waits for any attendance
    import that is running, which a data officer's request should not, and which could
    be waiting for a row this decision holds. If the broker cannot take the task, the
    marks link at the next import of a feed that names people."""
    from chronology.tasks import settle_waiting_marks_task

    def send_settle_task() -> None:
        settle_waiting_marks_task.delay(because)

    transaction.on_commit(send_settle_task, robust=True)


@transaction.atomic
def review_decide(
    *, by: User, review: LinkReview, action: str, person: Person | None = None, note: str = ""
) -> LinkReview:
    """Link the row to a person, create a new person from it, or reject it."""
    review = LinkReview.objects.select_for_update().select_related("source_record__feed").get(pk=review.pk)
    if review.status != LinkReview.Status.OPEN:
        raise ValidationError("This row has already been decided.")
    record = review.source_record
    with set_actor(by):
        if action == LinkReview.Status.LINKED:
            if person is None:
                raise ValidationError("Choose the person to link this row to.")
            _refuse_someone_else(record, person)
            _refuse_a_taken_session(record, person)
            record.person, record.link_confidence, record.link_method = person, 1.0, "review"
        elif action == LinkReview.Status.NEW_PERSON:
            if not can_create_person(record=record):
                raise ValidationError(NO_NEW_PERSON)
            values = restore(SPECS[record.feed.code], record.values)
            conflicts = [
                n for n in IDENTIFIERS if values.get(n) and Person.objects.filter(**{n: values[n]}).exists()
            ]
            if conflicts:
                raise ValidationError(
                    f"A person with this {conflicts[0].replace('_', ' ')} already exists: find them "
                    "under “Find another person” and link the row to them."
                )
            person = effects.person_from_row(values)
            record.person, record.link_confidence, record.link_method = person, 1.0, "review"
        elif action == LinkReview.Status.REJECTED:
            person = None
            if grouped(review):
                _reject_same_pupil(by=by, review=review, note=note)
        else:
            raise ValidationError("Choose link, create a new person, or reject.")
        if action != LinkReview.Status.REJECTED:
            record.save(update_fields=["person", "link_confidence", "link_method", "updated_at"])
            _apply_linked(record)
            if record.feed.code == Feed.Code.HOUSEHOLDS:
                release_household_rows()
            if record.feed.code == Feed.Code.ATTENDANCE:
                _decide_same_pupil(by=by, review=review, person=person)
            _settle_waiting_marks_later(because=f"review {review.pk}")
        review.status, review.person = action, person
        review.decided_by, review.decided_at, review.note = by, timezone.now(), note
        review.save()
    return review


def _refuse_someone_else(record: SourceRecord, person: Person) -> None:
    """Linking the row to a person its identifiers show to be someone else would put one
    child's record on another's: refused, whoever proposed them."""
    held = {name: getattr(person, name) for name in (*IDENTIFIERS, "former_upn")}
    if differing := someone_else_by_identifiers(_identity(record), held):
        raise ValidationError(
            f"Person {person.pk} holds a different {' and '.join(differing)} from this row's, so the row "
            "is not about them. Create a new person from the row, find the person it is about, or "
            "reject it."
        )


def _refuse_a_taken_session(record: SourceRecord, person: Person) -> None:
    """A mark for a session the pupil already has would count that session twice."""
    if record.feed.code != Feed.Code.ATTENDANCE:
        return
    values = restore(SPECS[record.feed.code], record.values)
    if reason := session_taken(values=values, person_id=person.pk):
        raise ValidationError(f"{reason}: reject this row, or link it to someone else.")


def _decide_same_pupil(*, by: User, review: LinkReview, person: Person) -> None:
    """A pupil unknown to the portal has a queued mark for every session: one decision
    settles all of their queued marks (each keeps a note of the decision it followed)."""
    record = review.source_record
    others = LinkReview.objects.filter(
        status=LinkReview.Status.OPEN,
        source_record__feed=record.feed,
        source_record__values__upn=record.values["upn"],
    ).exclude(pk=review.pk)
    waiting = [Waiting(other, values, person.pk) for other, values in locked_with_values(others)]
    note = f"Same UPN as the row decided in review {review.pk}"
    linked, weeks = settle(waiting, method="review", note=note, by=by)
    if linked:
        refresh_weeks(feed=record.feed, run=record.last_run, pairs=weeks)


def _reject_same_pupil(*, by: User, review: LinkReview, note: str) -> None:
    """Rejecting one of an unknown pupil's queued marks rejects the rest of them: the
    queue shows them as one row, decided in one step."""
    LinkReview.objects.filter(
        status=LinkReview.Status.OPEN,
        source_record__feed=review.source_record.feed,
        source_record__values__upn=review.source_record.values["upn"],
        reason__startswith=UNKNOWN_PUPIL,
    ).exclude(pk=review.pk).update(
        status=LinkReview.Status.REJECTED,
        decided_by=by,
        decided_at=timezone.now(),
        note=f"Same UPN as the row rejected in review {review.pk}" + (f": {note}" if note else ""),
    )


@transaction.atomic
def split_records(*, by: User, person: Person, source_record_ids: list[int]) -> list[LinkReview]:
    """Unlink rows that belong to someone else. Everything made from them leaves the
    person (events, the enrolment that gave a school access, family membership,
    attendance marks under an identifier only those rows carried) and each row returns
    to the review queue, scored again against everyone but that person so the data
    officer sees who else it may be."""
    records = list(
        SourceRecord.objects.select_for_update()
        .select_related("feed")
        .filter(person=person, pk__in=source_record_ids)
    )
    if not records or len(records) != len(set(source_record_ids)):
        raise ValidationError("Choose records that are linked to this person.")
    person.refresh_from_db()
    upns = {person.upn, person.former_upn}
    weeks: set = set()
    reviews = []
    identities = {record.pk: _identity(record) for record in records}
    linker = Linker(excluding=[person.pk])
    linker.prefetch(identities.values())
    with set_actor(by):
        for record in records:
            weeks |= effects.unapply(record=record)
            record.person, record.link_confidence, record.link_method = None, None, ""
            record.save(update_fields=["person", "link_confidence", "link_method", "updated_at"])
            reviews.append(
                LinkReview.objects.create(
                    source_record=record,
                    origin=LinkReview.Origin.SPLIT,
                    reason=f"Split from person {person.pk}: the row belongs to someone else",
                    candidates=review_candidates(identities[record.pk], linker=linker),
                    split_from=person,
                    created_by=by,
                )
            )
        person.refresh_from_db()
        weeks |= _release_identifiers(person, records, upns)
    if weeks:
        feed = Feed.objects.get(code=Feed.Code.ATTENDANCE)
        refresh_weeks(feed=feed, run=feed.runs.first(), pairs=weeks)
    return reviews


def _release_identifiers(person: Person, split: list[SourceRecord], upns: set[str | None]) -> set:
    """An identifier that came only from the split rows no longer belongs to the person,
    nor do the attendance marks under a UPN the person held before the split and no
    longer holds (they relink by UPN when its pupil is decided)."""
    remaining = list(person.source_records.values_list("values", flat=True))
    released = []
    for name in IDENTIFIERS:
        value = getattr(person, name)
        carried = any(r.values.get(name) == value for r in split)
        if value and carried and not any(v.get(name) == value for v in remaining):
            setattr(person, name, None)
            released.append(name)
    if released:
        person.save(update_fields=[*released, "updated_at"])
    gone = upns - {person.upn, person.former_upn, None, ""}
    if not gone:
        return set()
    marks = all_marks_of(person_id=person.pk).filter(upn__in=gone)
    weeks = set(marks.values_list("person_id", "date"))
    marks.update(person=None)
    return weeks
