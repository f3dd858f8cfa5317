"""What a linked row does: census rows make enrolments, household rows make families,
attendance rows make marks, every other row becomes a chronology event. `unapply`
undoes exactly what `apply` made from one record, which is what a split relies on."""

from datetime import date
from typing import Any

from chronology.importing.attendance import mark_tuple, upsert_marks
from chronology.importing.attendance_weeks import refresh_weeks
from chronology.importing.events import EVENT_BUILDERS
from chronology.importing.rows import to_stored
from chronology.models import AttendanceMark, Event, Feed, FeedRun, SourceRecord
from schools.models import Enrolment, Family, FamilyMember, Person, School

PERSON_FIELDS = ("forename", "surname", "date_of_birth", "sex", "ethnicity", "postcode")


def person_from_row(values: dict[str, Any]) -> Person:
    """A new person from an authoritative row (school census, households)."""
    return Person.objects.create(
        upn=values.get("upn") or None,
        former_upn=values.get("former_upn") or "",
        nhs_number=values.get("nhs_number") or None,
        local_person_id=values.get("local_person_id") or None,
        forename=values.get("forename") or "",
        surname=values.get("surname") or "",
        date_of_birth=values.get("date_of_birth"),
        sex=values.get("sex") or "",
        ethnicity=values.get("ethnicity") or "",
        postcode=values.get("postcode") or values.get("address_postcode") or "",
    )


def apply(
    *,
    feed: Feed,
    run: FeedRun,
    record: SourceRecord,
    values: dict[str, Any],
    school: School | None = None,
) -> None:
    if feed.code == Feed.Code.SCHOOL_CENSUS:
        _census(record, values, school)
    elif feed.code == Feed.Code.HOUSEHOLDS:
        _household(record, values)
    elif feed.code == Feed.Code.ATTENDANCE:
        _, weeks = upsert_marks([mark_tuple(values, record.person_id, school.pk, run.pk)])
        refresh_weeks(feed=feed, run=run, pairs=weeks)
    else:
        _event(feed, run, record, values)


def unapply(*, record: SourceRecord) -> set[tuple[int, date]]:
    """Remove what the record made; returns the attendance weeks that need recounting."""
    _restore_identity(record)
    record.events.all().delete()
    Enrolment.objects.filter(source_record=record).delete()
    if (ended := record.undo.pop("reopen_enrolment", None)) and record.person_id:
        if not Enrolment.objects.filter(person_id=record.person_id, leaving_date__isnull=True).exists():
            Enrolment.objects.filter(pk=ended, person_id=record.person_id).update(leaving_date=None)
        record.save(update_fields=["undo"])
    FamilyMember.objects.filter(source_record=record).delete()
    if record.feed.code != Feed.Code.ATTENDANCE:
        return set()
    marks = AttendanceMark.objects.filter(source_record_id=record.source_record_id, person__isnull=False)
    weeks = set(marks.values_list("person_id", "date"))
    marks.delete()
    return weeks


def _restore_identity(record: SourceRecord) -> None:
    """Puts back the names, birth date and other details a census row wrote over, where
    they are still what the row wrote (a later row's correction stays)."""
    before = record.undo.pop("person_fields", None)
    if not before or record.person_id is None:
        return
    person = Person.objects.get(pk=record.person_id)
    restored = [name for name in before if to_stored(getattr(person, name)) == record.values.get(name)]
    for name in restored:
        value = before[name]
        setattr(person, name, date.fromisoformat(value) if name == "date_of_birth" and value else value)
    if restored:
        person.save(update_fields=[*restored, "updated_at"])
    record.save(update_fields=["undo"])


def _event(feed: Feed, run: FeedRun, record: SourceRecord, values: dict[str, Any]) -> None:
    spec = EVENT_BUILDERS[feed.code](values)
    Event.objects.update_or_create(
        source_record=record,
        defaults={
            "person_id": record.person_id,
            "family_id": record.family_id,
            "feed": feed,
            "category": spec.category,
            "occurred_on": spec.occurred_on,
            "occurred_at": spec.occurred_at,
            "ended_on": spec.ended_on,
            "summary": spec.summary,
            "details": spec.details,
            "sensitivity": feed.default_sensitivity,
            "feed_run": run,
            "link_confidence": record.link_confidence,
        },
    )


def _census(record: SourceRecord, values: dict[str, Any], school: School) -> None:
    person = record.person
    changed = [f for f in PERSON_FIELDS if values.get(f) and getattr(person, f) != values[f]]
    if changed:
        # What the person held before this row wrote over it, so that a split can put it
        # back; the first value is kept when the same row is sent again with corrections.
        before = record.undo.get("person_fields", {})
        for name in changed:
            before.setdefault(name, to_stored(getattr(person, name)))
        record.undo = {**record.undo, "person_fields": before}
        record.save(update_fields=["undo"])
    for name in changed:
        setattr(person, name, values[name])
    if person.upn != values["upn"]:
        if person.upn:
            person.former_upn = person.upn
        person.upn = values["upn"]
        changed += ["upn", "former_upn"]
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
    fields = {
        "entry_date": values["entry_date"],
        "year_group": values["year_group"] or "",
        "sen_provision": values["sen_provision"] or "",
        "sen_primary_need": values["sen_primary_need"] or "",
        "fsm_start_date": values["fsm_start_date"],
        "fsm_end_date": values["fsm_end_date"],
        "source_record": record,
    }
    current = Enrolment.objects.filter(person=person, leaving_date__isnull=True).first()
    if current and current.school_id != school.pk:
        if values["leaving_date"] is None:
            current.leaving_date = values["entry_date"] or date.today()
            current.save(update_fields=["leaving_date"])
            record.undo = {**record.undo, "reopen_enrolment": current.pk}
            record.save(update_fields=["undo"])
        current = None
    enrolment = current or (
        Enrolment.objects.filter(person=person, school=school, source_record=record).first()
        or Enrolment(person=person, school=school)
    )
    for name, value in fields.items():
        setattr(enrolment, name, value)
    enrolment.leaving_date = values["leaving_date"]
    enrolment.save()


def _household(record: SourceRecord, values: dict[str, Any]) -> None:
    family = record.family or Family.objects.get_or_create(family_id=values["family_id"])[0]
    FamilyMember.objects.update_or_create(
        family=family,
        person=record.person,
        defaults={
            "relationship": values["relationship"],
            "address_postcode": values["address_postcode"] or "",
            "from_date": values["from_date"],
            "to_date": values["to_date"],
            "source_record": record,
        },
    )
