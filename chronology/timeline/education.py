"""The young person's own school record in the chronology: a line per week of register
marks (never one per session; threshold crossings are events of the attendance feed)
and joining and leaving each school. A relative's are routine, not family context."""

from django.utils import timezone

from accounts.access import DetailLevel
from chronology.importing.attendance_weeks import week_summary
from chronology.models import AttendanceWeek, Feed, Sensitivity
from chronology.timeline.context import Reading
from chronology.timeline.entries import (
    ATTENDANCE_WEEK,
    RANK,
    SCHOOL_END,
    SCHOOL_START,
    THIS_YOUNG_PERSON,
    TimelineEntry,
    category_label,
)
from schools.models import Enrolment


def week_entries(reading: Reading) -> list[TimelineEntry]:
    feed = reading.feed(Feed.Code.ATTENDANCE)
    if feed is None:
        return []
    level = reading.level(feed.default_sensitivity)
    weeks = AttendanceWeek.objects.filter(person=reading.person).order_by("week")
    if level == DetailLevel.HIDDEN:
        reading.hidden = reading.hidden or weeks.exists()
        return []
    full = level == DetailLevel.FULL
    return [
        TimelineEntry(
            key=f"week:{week.week.isoformat()}",
            occurred_on=week.week,
            order=(week.week, RANK["week"], 0),
            category=ATTENDANCE_WEEK,
            category_label=category_label(ATTENDANCE_WEEK),
            level=level,
            about=THIS_YOUNG_PERSON,
            is_family=False,
            person_id=reading.person.pk,
            summary=week_summary(week) if full else None,
            source_code=feed.code if full else None,
            source_label=feed.name if full else None,
        )
        for week in weeks
    ]


def school_move_entries(reading: Reading) -> list[TimelineEntry]:
    """Joining and leaving each school, from the census, at education sensitivity."""
    level = reading.level(Sensitivity.EDUCATION)
    if level == DetailLevel.HIDDEN:
        return []
    census = reading.feed(Feed.Code.SCHOOL_CENSUS)
    entries = []
    for enrolment in reading.enrolments:
        for day, category in ((enrolment.entry_date, SCHOOL_START), (enrolment.leaving_date, SCHOOL_END)):
            if day is not None:
                entries.append(_move(reading, enrolment, day, category, level, census))
    return entries


def _year_words(enrolment: Enrolment, category: str) -> str:
    """The census keeps one year group per enrolment, as at its latest row: the year the
    pupil is in now at their current school, or was in when they left another. It is
    never the year they joined in, so it is said beside "now" or the leaving."""
    if not enrolment.year_group:
        return ""
    if enrolment.leaving_date is None:
        return f"; in year {enrolment.year_group} now" if category == SCHOOL_START else ""
    return f" in year {enrolment.year_group}" if category == SCHOOL_END else ""


def _move(
    reading: Reading, enrolment: Enrolment, day, category: str, level, census: Feed | None
) -> TimelineEntry:
    full = level == DetailLevel.FULL
    record = enrolment.source_record
    run = record.last_run if record and full and reading.provenance else None
    confidence = record.link_confidence if record else None
    summary = f"{'Joined' if category == SCHOOL_START else 'Left'} {enrolment.school.name}"
    summary += _year_words(enrolment, category)
    return TimelineEntry(
        key=f"school:{enrolment.pk}:{category}",
        occurred_on=day,
        order=(day, RANK["school"], enrolment.pk, category == SCHOOL_END),
        category=category,
        category_label=category_label(category),
        level=level,
        about=THIS_YOUNG_PERSON,
        is_family=False,
        person_id=reading.person.pk,
        summary=summary if full else None,
        source_code=census.code if census and full else None,
        source_label=census.name if census and full else None,
        reference=record.source_record_id if record and full else None,
        imported_on=timezone.localtime(run.finished_at or run.created_at).date() if run else None,
        imported_file=run.original_filename if run else None,
        probable_match=confidence is not None and confidence < 1,
        confidence=confidence if full and reading.provenance else None,
    )
