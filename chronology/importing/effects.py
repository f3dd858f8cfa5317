"""What a linked row does: census rows make enrolments, household rows make families,
attendance rows make marks, every other row becomes a chronology event; every row gives
its person the identifiers they lack. `unapply` undoes exactly what `apply` made or
changed from one record, which is what a split relies on."""

from datetime import date
from typing import Any

from chronology.importing.attendance import mark_tuple, upsert_marks
from chronology.importing.attendance_weeks import refresh_weeks
from chronology.importing.census import apply_census, undo_enrolments
from chronology.importing.events import EVENT_BUILDERS
from chronology.importing.identifiers import record_identifiers, restore_identifiers
from chronology.importing.rows import to_stored
from chronology.models import AttendanceMark, Event, Feed, FeedRun, SourceRecord
from schools.models import Family, FamilyMember, Person, School


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
        apply_census(record, values, school)
        return
    if record.person_id is not None:
        record_identifiers(record, values)
    if feed.code == Feed.Code.HOUSEHOLDS:
        _household(record, values)
    elif feed.code == Feed.Code.ATTENDANCE:
        _, weeks = upsert_marks([mark_tuple(values, record.person_id, school.pk, run.pk)])
        refresh_weeks(feed=feed, run=run, pairs=weeks)
    else:
        _event(feed, run, record, values)


def unapply(*, record: SourceRecord) -> set[tuple[int, date]]:
    """Remove what the record made; returns the attendance weeks that need recounting."""
    if record.person_id is not None:
        person = Person.objects.get(pk=record.person_id)
        restored = [*_restore_details(record, person), *restore_identifiers(record, person)]
        if restored:
            person.save(update_fields=[*restored, "updated_at"])
    record.events.all().delete()
    undo_enrolments(record)
    record.save(update_fields=["undo"])
    FamilyMember.objects.filter(source_record=record).delete()
    if record.feed.code != Feed.Code.ATTENDANCE:
        return set()
    marks = AttendanceMark.objects.filter(source_record_id=record.source_record_id, person__isnull=False)
    weeks = set(marks.values_list("person_id", "date"))
    marks.delete()
    return weeks


def _restore_details(record: SourceRecord, person: Person) -> list[str]:
    """Puts back the names, birth date and other details a census row wrote over, where
    they are still what the row wrote (a later row's correction stays)."""
    before = record.undo.pop("person_fields", {})
    restored = [name for name in before if to_stored(getattr(person, name)) == record.values.get(name)]
    for name in restored:
        value = before[name]
        setattr(person, name, date.fromisoformat(value) if name == "date_of_birth" and value else value)
    return restored


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
