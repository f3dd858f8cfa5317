"""What happens to the valid rows of each kind of feed, a batch at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronology.importing import effects, touched
from chronology.importing.csvfile import Header
from chronology.importing.queue import (
    AWAITING_MEMBERS,
    HOUSEHOLD_ONLY,
    close_automatically,
    households_with_members,
    queue_for_review,
    release_household_rows,
)
from chronology.importing.rows import ParsedRow, Rejection, parse_row
from chronology.importing.waiting_marks import link_waiting_marks
from chronology.linkage import Linker, LinkResult
from chronology.models import Feed, SourceRecord
from schools.models import Family, School

if TYPE_CHECKING:
    from chronology.importing.retention import RetentionFilter
    from chronology.importing.runner import FeedImport

URN_FEEDS = {Feed.Code.SCHOOL_CENSUS, Feed.Code.ATTENDANCE, Feed.Code.SUSPENSIONS}
SCHOOL_FIELDS = ("laestab", "name", "phase", "status")


def is_certain(record: SourceRecord) -> bool:
    """Linked by an exact identifier or a data officer's decision (confidence 1.0), or a
    household's own row: not by a score."""
    if record.link_method == HOUSEHOLD_ONLY:
        return True
    return record.person_id is not None and (record.link_confidence or 0) >= 1.0


class Handler:
    batch_size = 2000

    def __init__(self, job: FeedImport) -> None:
        self.job = job
        self.feed = job.feed
        self.run = job.run
        self.counts = job.counts
        self._schools: dict[str, School] | None = None

    def school_for(self, row: ParsedRow) -> School | None:
        """The row's school; a row naming an unknown URN is rejected."""
        if self._schools is None:
            self._schools = {s.urn: s for s in School.objects.all()}
        school = self._schools.get(row.values["urn"])
        if school is None:
            self.job.reject(
                row.line,
                row.cells,
                "urn",
                f"urn: no school has URN {row.values['urn']}; import the schools file first",
            )
        return school

    def parse(self, header: Header, line: int, cells: list[str]) -> ParsedRow | Rejection:
        return parse_row(self.job.spec, header, line, cells)

    def process(self, rows: list[ParsedRow]) -> None:
        raise NotImplementedError

    def held(self, row: ParsedRow, retention: RetentionFilter) -> bool:
        """Whether a legal hold covers a valid row past retention (importing/retention.py)."""
        return False

    def finish(self) -> None:
        """Work that needs the whole file (summaries); nothing for most feeds."""


class SchoolsHandler(Handler):
    def process(self, rows: list[ParsedRow]) -> None:
        existing = {s.urn: s for s in School.objects.filter(urn__in=[r.key for r in rows])}
        for row in rows:
            fields = {name: row.values[name] for name in SCHOOL_FIELDS}
            school = existing.get(row.key)
            if school is None:
                School.objects.create(urn=row.key, **fields)
            elif any(getattr(school, k) != v for k, v in fields.items()):
                School.objects.filter(pk=school.pk).update(**fields)
            else:
                self.counts.unchanged += 1
                continue
            self.counts.imported += 1


class RecordsHandler(Handler):
    """Person- and family-level feeds: one SourceRecord per row, linked, then applied."""

    def __init__(self, job: FeedImport) -> None:
        super().__init__(job)
        self.linker = Linker()
        self._households: set[str] = set()
        self._gave_members = False

    def process(self, rows: list[ParsedRow]) -> None:
        existing = {
            r.source_record_id: r
            for r in SourceRecord.objects.filter(feed=self.feed, source_record_id__in=[r.key for r in rows])
        }
        self.linker.prefetch(r.identity for r in rows)
        if self.job.spec.family_level:
            self._households = households_with_members({r.values["family_id"] for r in rows})
        for row in rows:
            school = None
            if self.feed.code in URN_FEEDS and (school := self.school_for(row)) is None:
                continue
            self._one(row, existing.get(row.key), school)

    def held(self, row: ParsedRow, retention: RetentionFilter) -> bool:
        """As the retention job's holds cover what the row becomes: the record of its
        family (household feeds), or of the person it links to: the one a
        data officer linked it to, else the person its identifiers or details name. A row
        that links to no one would wait for review, linked to no one, which no hold
        covers. Nothing is written: no person is made for a row that may be left out."""
        gets_family = self.job.spec.family_level or self.feed.code == Feed.Code.HOUSEHOLDS
        if gets_family and retention.held_family(row):
            return True
        decided = SourceRecord.objects.filter(
            feed=self.feed, source_record_id=row.key, link_method="review", person__isnull=False
        ).values_list("person_id", flat=True)
        if decided:
            return retention.held_person(decided[0])
        identity = row.identity
        if not (identity.has_identifier or identity.can_compare):
            return False
        self.linker.prefetch([identity])
        result = self.linker.link(identity)
        return result.linked and retention.held_person(result.person_id)

    def finish(self) -> None:
        if self._gave_members:
            release_household_rows()
        because = f"{self.feed.name} import run {self.run.pk} ({self.run.original_filename})"
        self.counts.marks_linked = link_waiting_marks(because=because)

    def _link(self, row: ParsedRow, record: SourceRecord) -> LinkResult:
        if record.pk and record.link_method == "review" and record.person_id:
            return LinkResult(record.person_id, record.link_confidence, "review")
        identity = row.identity
        if self.job.spec.family_level:
            return self._household_link(row)
        result = self.linker.link(identity)
        if not result.linked and not result.candidates and self.feed.authoritative_for_identity:
            person = effects.person_from_row(row.values)
            self.linker.remember(person)
            return LinkResult(person.pk, 1.0, "new_person")
        return result

    def _household_link(self, row: ParsedRow) -> LinkResult:
        """A household-level row is the household's, and the person it names (the child
        a notification is about, say) must be the right one: a named person who does
        not link waits for review rather than being dropped, and a row about a
        household with nobody in it yet waits too, since no chronology would show it."""
        identity = row.identity
        if identity.has_identifier or identity.can_compare:
            result = self.linker.link(identity)
            if result.linked:
                return result
            reason = f"The person this household row names could not be linked: {result.reason}"
            return LinkResult(None, None, "", reason=reason, candidates=result.candidates)
        if row.values["family_id"] not in self._households:
            return LinkResult(None, None, "", reason=AWAITING_MEMBERS)
        return LinkResult(None, None, HOUSEHOLD_ONLY)

    def _one(self, row: ParsedRow, record: SourceRecord | None, school: School | None) -> None:
        if record is not None and record.content_hash == row.content_hash:
            self.counts.unchanged += 1
            self.counts.certain += is_certain(record)
            return
        record = record or SourceRecord(feed=self.feed, source_record_id=row.key)
        previous_person = record.person_id
        record.values, record.content_hash, record.last_run = row.stored, row.content_hash, self.run
        family_id = row.values.get("family_id")
        if family_id and (self.job.spec.family_level or self.feed.code == Feed.Code.HOUSEHOLDS):
            record.family = Family.objects.get_or_create(family_id=family_id)[0]
        result = self._link(row, record)
        linked = result.linked or result.method == HOUSEHOLD_ONLY
        if previous_person and previous_person != result.person_id:
            effects.unapply(record=record)
        record.person_id = result.person_id if linked else None
        record.link_confidence = result.confidence if result.linked else None
        record.link_method = result.method if linked else ""
        was_queued = record.pk is not None and not previous_person
        record.save()
        touched.note(people=[previous_person, record.person_id], families=[record.family_id])
        if linked:
            effects.apply(feed=self.feed, run=self.run, record=record, values=row.values, school=school)
            if record.person_id and row.identity.has_identifier:
                self.linker.remember(record.person)
            self._gave_members |= self.feed.code == Feed.Code.HOUSEHOLDS
            if was_queued:
                close_automatically(record=record)
            self.counts.imported += 1
            self.counts.certain += is_certain(record)
        else:
            queue_for_review(record=record, run=self.run, result=result)
            self.counts.queued += 1


def handler_for(job: FeedImport) -> Handler:
    if job.feed.code == Feed.Code.SCHOOLS:
        return SchoolsHandler(job)
    if job.feed.code == Feed.Code.ATTENDANCE:
        from chronology.importing.attendance_handler import AttendanceHandler

        return AttendanceHandler(job)
    return RecordsHandler(job)
