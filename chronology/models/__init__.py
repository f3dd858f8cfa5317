from chronology.models.attendance import AttendanceMark, AttendanceWeek, Band, Meaning, YearToDate
from chronology.models.doubts import LinkDoubt
from chronology.models.events import Event, Sensitivity
from chronology.models.feeds import Feed, FeedRun, RejectedRow, SourceRecord
from chronology.models.linkage import LinkReview

__all__ = [
    "AttendanceMark",
    "AttendanceWeek",
    "Band",
    "Event",
    "Feed",
    "FeedRun",
    "LinkDoubt",
    "LinkReview",
    "Meaning",
    "RejectedRow",
    "Sensitivity",
    "SourceRecord",
    "YearToDate",
]
