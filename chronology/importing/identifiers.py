"""Identifiers a linked row gives its person. Without them a pupil known by UPN stays
unknown to a health feed that sends only the NHS number, however many household rows
carried both. A row never replaces a value the person holds (the linker sends a row
whose identifiers disagree with the person's to review), and what it wrote is kept in
its undo data so that splitting the row off takes it away again."""

from typing import Any

from django.db.models import Q

from chronology.linkage import IDENTIFIERS
from chronology.models import Feed, SourceRecord
from schools.models import Person

UNDO_KEY = "identifiers"


def held_by_another(person: Person, name: str, value: str) -> bool:
    """A UPN another pupil had before a change of UPN is still theirs."""
    query = Q(upn=value) | Q(former_upn=value) if name == "upn" else Q(**{name: value})
    return Person.objects.filter(query).exclude(pk=person.pk).exists()


def write_identifiers(record: SourceRecord, person: Person, changes: dict[str, str]) -> list[str]:
    """Set the person's identifiers, noting in the record what each held before (the
    first value is kept when the same row is sent again with corrections)."""
    undo = record.undo.get(UNDO_KEY, {})
    for name, value in changes.items():
        was = undo[name]["was"] if name in undo else getattr(person, name)
        undo[name] = {"was": was, "now": value}
        setattr(person, name, value)
    record.undo = {**record.undo, UNDO_KEY: undo}
    record.save(update_fields=["undo"])
    return list(changes)


def record_identifiers(record: SourceRecord, values: dict[str, Any]) -> None:
    """Give the linked person the row's identifiers they lack and nobody else holds.
    An attendance mark decided for a pupil who has another UPN carries the UPN their
    school still uses: it becomes their former UPN, so that later marks link by it."""
    person = record.person
    changes = {}
    for name in IDENTIFIERS:
        value = values.get(name)
        held = {person.upn, person.former_upn} if name == "upn" else {getattr(person, name)}
        if not value or value in held:
            continue
        slot = name
        if getattr(person, name):
            if name != "upn" or record.feed.code != Feed.Code.ATTENDANCE or person.former_upn:
                continue
            slot = "former_upn"
        if not held_by_another(person, name, value):
            changes[slot] = value
    if changes:
        changed = write_identifiers(record, person, changes)
        person.save(update_fields=[*changed, "updated_at"])


def restore_identifiers(record: SourceRecord, person: Person) -> list[str]:
    """Put back what the person held before the row wrote its identifiers, where they
    still hold what the row wrote; a value someone else has taken since stays empty."""
    changes = record.undo.pop(UNDO_KEY, {})
    restored = []
    for name, change in changes.items():
        if getattr(person, name) != change["now"]:
            continue
        was = change["was"]
        if was and name in IDENTIFIERS and held_by_another(person, name, was):
            was = None
        setattr(person, name, was)
        restored.append(name)
    return restored
