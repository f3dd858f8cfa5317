"""The attendance feed's rows: a specialised check for the common, valid row (the
generic one runs only to explain a rejection), UPNs looked up once per file, marks
upserted a batch at a time. Only rows whose UPN belongs to nobody get a SourceRecord,
so that they can wait in the review queue."""

import re
from typing import TYPE_CHECKING

from django.utils import timezone

from chronology.importing.attendance import mark_tuple, people_by_upn, upsert_marks
from chronology.importing.attendance_sessions import taken_in_batch, taken_reason
from chronology.importing.attendance_weeks import refresh_weeks
from chronology.importing.codes import ATTENDANCE_CODES, SESSIONS
from chronology.importing.csvfile import Header
from chronology.importing.handlers import Handler
from chronology.importing.plausibility import is_school_weekday
from chronology.importing.queue import close_automatically, queue_for_review
from chronology.importing.rows import ParsedRow, Rejection
from chronology.importing.specs import SOURCE_RECORD_ID_MAX
from chronology.importing.values import BadValue, parse_date, parse_upn
from chronology.linkage import LinkResult
from chronology.models import SourceRecord

if TYPE_CHECKING:
    from chronology.importing.retention import RetentionFilter
    from chronology.importing.runner import FeedImport

_URN = re.compile(r"\d{6}")


class AttendanceHandler(Handler):
    batch_size = 20_000

    def __init__(self, job: "FeedImport") -> None:
        super().__init__(job)
        self.people: dict[str, int] = {}
        self.weeks: set = set()
        self.queued_before = SourceRecord.objects.filter(feed=self.feed).exists()
        self._positions: tuple[int, ...] | None = None
        self.today = timezone.localdate()

    def parse(self, header: Header, line: int, cells: list[str]) -> ParsedRow | Rejection:
        if self._positions is None:
            self._positions = tuple(
                header.positions[n] for n in ("source_record_id", "urn", "upn", "date", "session", "code")
            )
        if len(cells) == len(header.cells):
            srid, urn, upn, day, session, code = (cells[p].strip() for p in self._positions)
            session, code = session.upper(), code.upper()
            if (
                srid
                and len(srid) <= SOURCE_RECORD_ID_MAX
                and _URN.fullmatch(urn)
                and session in SESSIONS
                and code in ATTENDANCE_CODES
            ):
                try:
                    upn, day = parse_upn(upn), parse_date(day)
                except BadValue:
                    pass
                else:
                    if not is_school_weekday(day) or day > self.today:
                        return super().parse(header, line, cells)
                    values = {
                        "source_record_id": srid,
                        "urn": urn,
                        "upn": upn,
                        "date": day,
                        "session": session,
                        "code": code,
                    }
                    stored = {**values, "date": day.isoformat()}
                    return ParsedRow(line, cells, values, stored, srid)
        return super().parse(header, line, cells)

    def held(self, row: ParsedRow, retention: "RetentionFilter") -> bool:
        """A mark is held with its pupil (the retention job's holds); a mark no pupil holds
        the UPN of would wait for review, and no hold covers it."""
        upn = row.values["upn"]
        if upn not in self.people:
            self.people.update(people_by_upn({upn}))
        return retention.held_person(self.people.get(upn))

    def process(self, rows: list[ParsedRow]) -> None:
        unknown = {r.values["upn"] for r in rows} - self.people.keys()
        self.people.update(people_by_upn(unknown))
        records = self._queued_records(rows)
        marks = []
        for row in self._sessions_free(rows):
            if (school := self.school_for(row)) is None:
                continue
            person_id = self.people.get(row.values["upn"])
            if person_id is None:
                self._queue(row, records.get(row.key))
                continue
            marks.append(mark_tuple(row.values, person_id, school.pk, self.run.pk))
            if (record := records.get(row.key)) is not None:
                record.person_id, record.link_confidence, record.link_method = person_id, 1.0, "upn"
                record.values, record.content_hash, record.last_run = row.stored, row.content_hash, self.run
                record.save()
                close_automatically(record=record)
        written, weeks = upsert_marks(marks)
        self.counts.imported += written
        self.counts.unchanged += len(marks) - written
        self.counts.certain += len(marks)
        self.weeks |= weeks

    def _sessions_free(self, rows: list[ParsedRow]) -> list[ParsedRow]:
        """The rows whose pupil's session no other mark holds; the others are rejected."""
        linked = [r for r in rows if r.values["upn"] in self.people]
        batch = [
            (r.key, (self.people[r.values["upn"]], r.values["date"], r.values["session"])) for r in linked
        ]
        taken = taken_in_batch(batch)
        refused = set()
        for position, (holder, in_file) in taken.items():
            row = linked[position]
            refused.add(id(row))
            upn, day, session = (row.values[k] for k in ("upn", "date", "session"))
            reason = taken_reason(upn=upn, day=day, session=session, holder=holder, in_file=in_file)
            self.job.reject(row.line, row.cells, "session", reason)
        return [r for r in rows if id(r) not in refused]

    def _queued_records(self, rows: list[ParsedRow]) -> dict[str, SourceRecord]:
        """Rows queued by an earlier import (a file with none skips the lookup)."""
        if not self.queued_before:
            return {}
        keys = [r.key for r in rows]
        return {
            r.source_record_id: r
            for r in SourceRecord.objects.filter(feed=self.feed, source_record_id__in=keys)
        }

    def _queue(self, row: ParsedRow, record: SourceRecord | None) -> None:
        if record is not None and record.content_hash == row.content_hash:
            self.counts.unchanged += 1
            return
        record = record or SourceRecord(feed=self.feed, source_record_id=row.key)
        record.values, record.content_hash, record.last_run = row.stored, row.content_hash, self.run
        record.save()
        queue_for_review(
            record=record,
            run=self.run,
            result=LinkResult(None, None, "", reason=f"No pupil has UPN {row.values['upn']}"),
        )
        self.counts.queued += 1

    def finish(self) -> None:
        refresh_weeks(feed=self.feed, run=self.run, pairs=self.weeks)
