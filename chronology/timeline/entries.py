"""One line of a young person's chronology, as one viewer may see it. Built only by
chronology.timeline, which cuts each entry to the viewer's detail level before anything
else sees it: an entry seen as category and date carries no summary, source, reference
or link, so no template, CSV or serializer can show them by mistake."""

from dataclasses import dataclass
from datetime import date
from functools import cache

from accounts.access import DetailLevel
from portal.sentences import in_a_sentence

THIS_YOUNG_PERSON = "This young person"
HOUSEHOLD = "Household"

NO_DATA = "no_data"
SCHOOL_START = "school_start"
SCHOOL_END = "school_end"
ATTENDANCE_WEEK = "attendance_week"

CATEGORY_LABELS = {
    NO_DATA: "No data received",
    SCHOOL_START: "Joined a school",
    SCHOOL_END: "Left a school",
    ATTENDANCE_WEEK: "Attendance week",
    "attendance_threshold": "Attendance threshold crossed",
    "youth_justice_outcome": "Youth-justice outcome",
    "social_care_referral": "Referral to children's social care",
    "social_care_assessment": "Children's social care assessment",
    "social_care_cin_plan": "Child-in-need plan",
    "social_care_cp_plan": "Child-protection plan",
    "social_care_looked_after": "Looked after by the council",
    "early_help": "Early-help case",
    "health_camhs_referral": "CAMHS referral",
    "health_camhs_accepted": "Accepted by CAMHS",
    "health_camhs_discharged": "Discharged by CAMHS",
    "health_ae_attendance": "A&E attendance",
    "health_admission": "Hospital admission",
    "housing_universal_credit_claim": "Universal Credit claim",
    "housing_benefit_sanction": "Benefit sanction",
    "housing_temporary_accommodation": "Temporary accommodation",
    "housing_eviction_notice": "Eviction notice",
    "housing_rent_arrears": "Rent arrears",
}
"""Categories whose words made from the code would read badly ("Health camhs referral",
"Social care cp plan"); any other reads as its code in words ("Police incident")."""

RANK = {"gap": 0, "school": 1, "week": 2, "event": 3, "source": 4}
"""Order within one day, newest first: another capability's entries, then feed events,
then the week's attendance, then school moves, then gap markers (reversed when oldest
first). Within a kind the later-recorded entry comes first."""


@cache
def _made_label(code: str) -> str:
    return code.replace("_", " ").strip().capitalize()


def category_label(code: str, labels: dict[str, str] | None = None) -> str:
    known = (labels or {}).get(code) or CATEGORY_LABELS.get(code)
    return known or _made_label(code)


def category_in_a_sentence(code: str) -> str:
    """The label as a sentence has it: "CAMHS referral" and "Universal Credit claim"
    keep their capitals, "police incident" does not."""
    return in_a_sentence(category_label(code))


@dataclass(slots=True)
class TimelineEntry:
    """Not frozen, for speed (a long chronology makes thousands); nothing changes one
    after it is made: hydrate makes new ones with dataclasses.replace."""

    key: str
    """Unique in the timeline: "event:12", "week:2025-09-01", "school:5:start", "<source>:<key>"."""
    occurred_on: date
    order: tuple
    """(day, kind rank, time of day where known, sequence): sorting by it gives ties a fixed order."""
    category: str
    category_label: str
    level: DetailLevel
    about: str
    """"This young person", "Household", or a relative's relationship ("Brother")."""
    is_family: bool
    person_id: int | None
    """Whose record the entry comes from (None for a household's), for the access log."""
    summary: str | None = None
    name: str | None = None
    """Set only on an entry seen as category and date whose source may name it (a trigger
    point's name), shown with the category in place of the withheld summary."""
    source_code: str | None = None
    """The feed or capability code: only in full detail, so it filters only what is seen."""
    source_label: str | None = None
    reference: str | None = None
    """The agency's own reference for the row it came from."""
    url: str | None = None
    ended_on: date | None = None
    """The last day of an episode (a child-protection plan, an early-help offer), for
    entries seen in full: without it a case meeting cannot tell an ended plan from one
    still open."""
    imported_on: date | None = None
    imported_file: str | None = None
    """The import run, for PROVENANCE_ROLES only."""
    probable_match: bool = False
    """Linked to this person with less than full certainty."""
    confidence: float | None = None
    """The link's score, for PROVENANCE_ROLES only."""
    reportable_event_id: int | None = None
    """Set when the viewer may report the entry's link as doubtful."""
    event_id: int | None = None
    """An Event row whose text is read only for the page being shown (see hydrate)."""
    doubted_on: date | None = None
    """The day the entry's link was first reported as doubtful, while no data officer has
    decided: a chronology read at a case meeting must not present it as settled fact."""
    is_gap: bool = False
    runs_until: date | None = None
    """For an episode the viewer sees in full, its last day (date.max while it is still
    open), so a date range shows the episodes running in it; None for anything else, so
    that a range never tells a reader who sees only the start whether it has ended."""

    @property
    def in_full(self) -> bool:
        return self.level == DetailLevel.FULL

    @property
    def level_label(self) -> str:
        return "Full" if self.in_full else "Category and date"
