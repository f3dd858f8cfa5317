from chronology.models.attendance import AttendanceMark, Meaning
from chronology.models.events import Event, Sensitivity
from chronology.models.feeds import Feed, FeedRun, RejectedRow, SourceRecord
from chronology.models.linkage import LinkReview

__all__ = [
    "AttendanceMark",
    "Event",
    "Feed",
    "FeedRun",
    "LinkReview",
    "Meaning",
    "RejectedRow",
    "Sensitivity",
    "SourceRecord",
]
