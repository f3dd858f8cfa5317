"""What a school census row does (FEEDS.md 3.1): it brings the pupil's details and UPN
and makes their enrolment at its school current. An enrolment ends by a leaving_date or
by a newer census row at another school; a correction to a row from the pupil's
previous school updates that school's enrolment, which stays ended. Whatever a row
changes that it did not make (details, UPN, an enrolment it took over or ended) is noted
in its undo data, so that splitting it off gives it back."""

from datetime import date
from typing import Any

from django.utils import timezone

from chronology.importing.identifiers import write_identifiers
from chronology.importing.rows import to_stored
from chronology.models import SourceRecord
from schools.models import Enrolment, Person, School

PERSON_FIELDS = ("forename", "surname", "date_of_birth", "sex", "ethnicity", "postcode")
ENROLMENT_FIELDS = (
    "entry_date",
    "leaving_date",
    "year_group",
    "sen_provision",
    "sen_primary_need",
    "fsm_start_date",
    "fsm_end_date",
)
DATE_FIELDS = frozenset({"entry_date", "leaving_date", "fsm_start_date", "fsm_end_date"})
TAKEN = "enrolments"
REOPEN = "reopen_enrolment"


def apply_census(record: SourceRecord, values: dict[str, Any], school: School) -> None:
    person = record.person
    _write_details(record, person, values)
    _enrol(record, person, values, school)


def _write_details(record: SourceRecord, person: Person, values: dict[str, Any]) -> None:
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
        upns = {"upn": values["upn"], **({"former_upn": person.upn} if person.upn else {})}
        changed += write_identifiers(record, person, upns)
    if changed:
        person.save(update_fields=[*changed, "updated_at"])


def _enrol(record: SourceRecord, person: Person, values: dict[str, Any], school: School) -> None:
    fields = {
        "entry_date": values["entry_date"],
        "leaving_date": values["leaving_date"],
        "year_group": values["year_group"] or "",
        "sen_provision": values["sen_provision"] or "",
        "sen_primary_need": values["sen_primary_need"] or "",
        "fsm_start_date": values["fsm_start_date"],
        "fsm_end_date": values["fsm_end_date"],
    }
    own = Enrolment.objects.filter(person=person, school=school, source_record=record).first()
    current = Enrolment.objects.filter(person=person, leaving_date__isnull=True).first()
    if current and current.school_id != school.pk:
        if _before(values["entry_date"], current.entry_date):
            # Ended when the next one began, unless the row says when the pupil left.
            later = Enrolment.objects.filter(person=person, entry_date__gt=values["entry_date"])
            ended = own.leaving_date if own else later.order_by("entry_date").first().entry_date
            fields["leaving_date"] = fields["leaving_date"] or ended
        else:
            current.leaving_date = values["entry_date"] or timezone.localdate()
            current.save(update_fields=["leaving_date"])
            record.undo = {**record.undo, REOPEN: current.pk}
            record.save(update_fields=["undo"])
        current = None
    _update(record, current or own or Enrolment(person=person, school=school), fields)


def _before(entry: date | None, other_entry: date | None) -> bool:
    return entry is not None and other_entry is not None and entry < other_entry


def _update(record: SourceRecord, enrolment: Enrolment, fields: dict[str, Any]) -> None:
    if enrolment.pk and enrolment.source_record_id != record.pk:
        taken = record.undo.get(TAKEN, {})
        taken.setdefault(
            str(enrolment.pk),
            {
                "source_record": enrolment.source_record_id,
                **{name: to_stored(getattr(enrolment, name)) for name in ENROLMENT_FIELDS},
            },
        )
        record.undo = {**record.undo, TAKEN: taken}
        record.save(update_fields=["undo"])
    for name, value in fields.items():
        setattr(enrolment, name, value)
    enrolment.source_record = record
    enrolment.save()


def undo_enrolments(record: SourceRecord) -> None:
    """Delete the enrolments the row made, give back those it took over from an earlier
    row still linked to the pupil (or from no row), and reopen the one its move ended."""
    taken = record.undo.pop(TAKEN, {})
    ended = record.undo.pop(REOPEN, None)
    owners = {t["source_record"] for t in taken.values()} - {None}
    linked = set(
        SourceRecord.objects.filter(pk__in=owners, person_id=record.person_id).values_list("pk", flat=True)
    )
    kept = []
    for enrolment in Enrolment.objects.filter(source_record=record):
        before = taken.get(str(enrolment.pk))
        if before is None or before["source_record"] not in linked | {None}:
            enrolment.delete()
        else:
            kept.append((enrolment, before))
    for enrolment, before in kept:
        _restore(enrolment, before)
    if ended and record.person_id and not _open_elsewhere(record.person_id, ended):
        Enrolment.objects.filter(pk=ended, person_id=record.person_id).update(leaving_date=None)


def _restore(enrolment: Enrolment, before: dict[str, Any]) -> None:
    ending = enrolment.leaving_date
    for name in ENROLMENT_FIELDS:
        value = before[name]
        setattr(enrolment, name, date.fromisoformat(value) if name in DATE_FIELDS and value else value)
    if enrolment.leaving_date is None and _open_elsewhere(enrolment.person_id, enrolment.pk):
        enrolment.leaving_date = ending
    enrolment.source_record_id = before["source_record"]
    enrolment.save()


def _open_elsewhere(person_id: int, enrolment_id: int) -> bool:
    """Another current enrolment: reopening this one would give the pupil two."""
    open_ones = Enrolment.objects.filter(person_id=person_id, leaving_date__isnull=True)
    return open_ones.exclude(pk=enrolment_id).exists()
