"""Attendance register marks, one row per pupil per session. The high-volume feed is
stored lean (no SourceRecord per mark: the mark carries its own source_record_id) and
keeps each code's meaning so a rate over any window is one indexed aggregate."""

from dataclasses import dataclass
from datetime import date

from django.db import models


class Meaning(models.TextChoices):
    """What a DfE attendance code counts as (FEEDS.md 3.2)."""

    PRESENT = "present", "Present"
    ATTENDING = "attending", "Approved educational activity"
    AUTHORISED = "authorised", "Authorised absence"
    UNAUTHORISED = "unauthorised", "Unauthorised absence"
    NOT_POSSIBLE = "not_possible", "Not a possible session"
    ADMINISTRATIVE = "administrative", "Administrative"


ATTENDED = frozenset({Meaning.PRESENT, Meaning.ATTENDING})
ABSENT = frozenset({Meaning.AUTHORISED, Meaning.UNAUTHORISED})
POSSIBLE = ATTENDED | ABSENT

PART_TIME_OR_PROVIDED = ("C2", "K")
"""Part-time timetable and LA-arranged provision (FEEDS.md section 4, trigger point 3)."""

PERSISTENT_ABSENCE = 0.10
SEVERE_ABSENCE = 0.50
MIN_POSSIBLE_FOR_BAND = 20
"""A pupil is not judged on fewer possible sessions (two school weeks): one day off in the
first week of September is not persistent absence."""


class Band(models.TextChoices):
    """DfE absence bands over the school year to date (FEEDS.md 3.2)."""

    NONE = "none", "Not persistently absent"
    PERSISTENT = "persistent", "Persistently absent"
    SEVERE = "severe", "Severely absent"


def school_year_start(day: date) -> date:
    """English school years run from 1 September."""
    return date(day.year if day.month >= 9 else day.year - 1, 9, 1)


@dataclass(frozen=True)
class YearToDate:
    """A pupil's sessions in one school year so far."""

    year_start: date
    attended: int
    possible: int
    unauthorised: int
    last_week: date | None

    @property
    def absent(self) -> int:
        return self.possible - self.attended

    @property
    def absence_rate(self) -> float | None:
        return self.absent / self.possible if self.possible else None

    @property
    def attendance_percent(self) -> int | None:
        return round(100 * self.attended / self.possible) if self.possible else None

    @property
    def sessions_to_judge(self) -> int:
        return MIN_POSSIBLE_FOR_BAND

    @property
    def band(self) -> Band | None:
        """None until there are enough possible sessions to judge."""
        if self.possible < MIN_POSSIBLE_FOR_BAND:
            return None
        if self.absence_rate >= SEVERE_ABSENCE:
            return Band.SEVERE
        if self.absence_rate >= PERSISTENT_ABSENCE:
            return Band.PERSISTENT
        return Band.NONE


class AttendanceMark(models.Model):
    """Tens of millions of rows, written a million at a time, so every index and check
    costs each import (measured in docs/benchmark-findings.md). Three indexes: the unique
    source_record_id (upserts); (date, person) for a pupil's marks on given days, which
    a register file (a week for every pupil) fills at one end, where (person, date)
    touched a page per pupil, so read a pupil's marks by listing the days
    (chronology.marks); and the few marks no pupil holds, by UPN (relinked when the
    pupil is decided). The foreign keys
    are not enforced by the database (three deferred checks per mark took longer than
    inserting it): the importer is the only writer and takes every id from the
    referenced table inside its own transaction, people, schools and runs are never
    deleted, and Django still applies on_delete."""

    id = models.BigAutoField(primary_key=True)
    source_record_id = models.CharField(max_length=100)
    person = models.ForeignKey(
        "schools.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendance_marks",
        db_index=False,
        db_constraint=False,
        help_text="Empty while the UPN belongs to nobody (after a split); relinked by UPN.",
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    upn = models.CharField("UPN", max_length=13)
    date = models.DateField()
    session = models.CharField(max_length=2)
    code = models.CharField(max_length=2)
    meaning = models.CharField(max_length=14, choices=Meaning.choices)
    feed_run = models.ForeignKey(
        "chronology.FeedRun", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source_record_id"], name="attendance_mark_source_record")
        ]
        indexes = [
            models.Index(fields=["date", "person"], name="attendance_mark_day_person"),
            models.Index(
                fields=["upn"], condition=models.Q(person=None), name="attendance_mark_unlinked_upn"
            ),
            # Part-time timetables and LA-arranged provision, which a trigger point looks
            # for over a term: a few marks in a thousand, so a tiny index that costs an
            # import almost nothing, where the term's marks were 13 million rows to scan.
            models.Index(
                fields=["date", "person"],
                condition=models.Q(code__in=PART_TIME_OR_PROVIDED),
                name="attendance_mark_part_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.date} {self.session} {self.code}"


class AttendanceWeek(models.Model):
    """Each pupil's marks counted per week (Monday), rebuilt for the weeks an import
    touches. A school year's rate is a sum over at most 39 rows instead of 380 marks,
    which is what the threshold check after every import and the young-person page need.
    The foreign key is not enforced by the database, as the marks' is not: an import
    touching 100,000 pupils' weeks paid as long again for the deferred check of each new
    week at commit as for inserting them; the weeks are written only from the marks'
    pupils, inside the same transaction, people are never deleted, and Django still
    applies on_delete."""

    person = models.ForeignKey(
        "schools.Person",
        on_delete=models.CASCADE,
        related_name="attendance_weeks",
        db_index=False,
        db_constraint=False,
    )
    week = models.DateField(help_text="The Monday of the week.")
    present = models.PositiveSmallIntegerField(default=0)
    attending = models.PositiveSmallIntegerField(default=0)
    authorised = models.PositiveSmallIntegerField(default=0)
    unauthorised = models.PositiveSmallIntegerField(default=0)
    not_possible = models.PositiveSmallIntegerField(default=0)
    administrative = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            # Also the index for lookups by person alone. On PostgreSQL its index also
            # carries the counts a school year sums (migration 0009).
            models.UniqueConstraint(fields=["person", "week"], name="attendance_week_person_week"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} week of {self.week}"
