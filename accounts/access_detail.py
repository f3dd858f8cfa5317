"""At what detail a user sees a young person's chronology and family (DESIGN.md
section 5). Part of the access layer: import these through `accounts.access`. Every
page, API response, export and task that shows events builds its rows with
`chronology_for`, so the tiering is decided here once."""

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from accounts.access_household import household_of
from accounts.access_scope import can_view, visible_among
from accounts.roles import Role
from chronology.importing.attendance_weeks import WEEK_CATEGORY, week_summary
from chronology.models import AttendanceWeek, Event, Feed, Sensitivity
from schools.models import Person


class DetailLevel(IntEnum):
    HIDDEN = 0
    CATEGORY_AND_DATE = 1
    FULL = 2


_FULL = dict.fromkeys(Sensitivity.values, DetailLevel.FULL)
DETAIL_BY_ROLE: dict[Role, dict[str, DetailLevel]] = {
    Role.HEAD_TEACHER: {
        Sensitivity.EDUCATION: DetailLevel.FULL,
        Sensitivity.PARTNER: DetailLevel.CATEGORY_AND_DATE,
        Sensitivity.RESTRICTED: DetailLevel.HIDDEN,
    },
    Role.DSL: {
        Sensitivity.EDUCATION: DetailLevel.FULL,
        Sensitivity.PARTNER: DetailLevel.FULL,
        Sensitivity.RESTRICTED: DetailLevel.CATEGORY_AND_DATE,
    },
    Role.TASKFORCE: _FULL,
    Role.INTERVENTION_WORKER: {
        Sensitivity.EDUCATION: DetailLevel.FULL,
        Sensitivity.PARTNER: DetailLevel.FULL,
        Sensitivity.RESTRICTED: DetailLevel.HIDDEN,
    },
}
"""The section 5 table, plus the intervention worker at partner detail (issue 17): what
a partner agency sees in full, with restricted information only as the one-line notice.
Roles not listed (IG, data officer, administrator) see nothing."""

PROVENANCE_ROLES = frozenset({Role.TASKFORCE})
"""Roles shown, on an entry they see in full, the import run it came from (date and file
name) and the link's confidence score. Data officers see runs and scores on their own
pages, never in a chronology; school staff see only that a link is a probable match."""

RESTRICTED_NOTICE = "Restricted information exists — contact the SAFE taskforce."
FAMILY_MINIMUM = Sensitivity.PARTNER
RECENT_EVENTS = 50


def effective_sensitivity(event: Event, *, family_event: bool) -> str:
    """A family member's event is shown at partner sensitivity or above, whatever its feed's default."""
    if family_event and Sensitivity.rank(event.sensitivity) < Sensitivity.rank(FAMILY_MINIMUM):
        return FAMILY_MINIMUM
    return event.sensitivity


def detail_level(user: object, event: Event, *, family_event: bool = False) -> DetailLevel:
    return sensitivity_level(user, event.sensitivity, family_event=family_event)


def sensitivity_level(user: object, sensitivity: str, *, family_event: bool = False) -> DetailLevel:
    """The detail at which the user sees an entry of this sensitivity, for entries that
    are not Event rows (a weekly attendance line, a school move, another capability's
    timeline entry) as much as for events."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return DetailLevel.HIDDEN
    levels = DETAIL_BY_ROLE.get(user.role)
    if levels is None:
        return DetailLevel.HIDDEN
    if family_event and Sensitivity.rank(sensitivity) < Sensitivity.rank(FAMILY_MINIMUM):
        sensitivity = FAMILY_MINIMUM
    return levels[sensitivity]


def category_label(category: str) -> str:
    return category.replace("_", " ").strip().capitalize()


@dataclass(frozen=True)
class ChronologyRow:
    occurred_on: date
    category: str
    summary: str | None
    """None unless the viewer sees the event in full."""
    level: DetailLevel
    is_family_event: bool
    about: str
    """Whose event: "This young person", "Household", or the family member's relationship."""
    source: str | None
    """The source feed, shown only in full detail."""


@dataclass(frozen=True)
class Chronology:
    rows: list[ChronologyRow]
    restricted_notice: str | None
    """The single head-teacher line, no count and no dates; None otherwise."""
    hidden_tiers: list[str]
    """Sensitivity labels the viewer sees less than in full, to say so on the page."""


def chronology_for(user: object, person: Person, *, limit: int = RECENT_EVENTS) -> Chronology:
    """The person's and their family's recent events as the user may see them. A fixed
    number of queries, however many events there are."""
    levels = DETAIL_BY_ROLE.get(getattr(user, "role", None))
    if levels is None or not can_view(user, person):
        return Chronology(rows=[], restricted_notice=None, hidden_tiers=[])

    household = household_of(person)
    relatives = household.labels()
    # Only the columns a row shows, and the feed fetched for the rows kept: joined before
    # the sort, it was looked up for every one of thousands of events.
    events = (
        Event.objects.filter(household.events_about(person))
        .only("person", "feed", "category", "occurred_on", "summary", "sensitivity")
        .prefetch_related("feed")
        .order_by("-occurred_on", "-id")
    )
    hidden = [s for s, level in levels.items() if level == DetailLevel.HIDDEN]
    notice = RESTRICTED_NOTICE if hidden and events.filter(sensitivity__in=hidden).exists() else None

    rows = []
    for event in events.exclude(sensitivity__in=hidden)[:limit]:
        family_event = event.person_id != person.pk
        level = detail_level(user, event, family_event=family_event)
        if level == DetailLevel.HIDDEN:
            continue
        rows.append(
            ChronologyRow(
                occurred_on=event.occurred_on,
                category=category_label(event.category),
                summary=event.summary if level == DetailLevel.FULL else None,
                level=level,
                is_family_event=family_event,
                about=_about(event, person, relatives),
                source=event.feed.name if level == DetailLevel.FULL else None,
            )
        )
    rows = sorted(rows + _week_rows(levels, person, limit), key=lambda r: r.occurred_on, reverse=True)
    hidden_tiers = [Sensitivity(s).label for s, level in levels.items() if level < DetailLevel.FULL]
    return Chronology(rows=rows[:limit], restricted_notice=notice, hidden_tiers=hidden_tiers)


def _week_rows(levels: dict[str, DetailLevel], person: Person, limit: int) -> list[ChronologyRow]:
    """The person's own weekly register summaries, at the attendance feed's sensitivity
    (a relative's are routine, not family context, and are not shown)."""
    feed = Feed.objects.filter(code=Feed.Code.ATTENDANCE).only("name", "default_sensitivity").first()
    level = levels.get(feed.default_sensitivity, DetailLevel.HIDDEN) if feed else DetailLevel.HIDDEN
    if level == DetailLevel.HIDDEN:
        return []
    weeks = AttendanceWeek.objects.filter(person=person).order_by("-week")[:limit]
    return [
        ChronologyRow(
            occurred_on=week.week,
            category=category_label(WEEK_CATEGORY),
            summary=week_summary(week) if level == DetailLevel.FULL else None,
            level=level,
            is_family_event=False,
            about="This young person",
            source=feed.name if level == DetailLevel.FULL else None,
        )
        for week in weeks
    ]


def _about(event: Event, person: Person, relatives: dict[int, str]) -> str:
    """Whose event it is, with relatives named by their relationship to this person; an
    event of the household (perhaps naming someone outside it) is the household's."""
    if event.person_id == person.pk:
        return "This young person"
    return relatives.get(event.person_id, "Household")


@dataclass(frozen=True)
class RelativeRow:
    relationship: str
    name: str | None
    """Shown to the taskforce, and to school staff only for young people they may see."""
    person_id: int | None
    """Set only when the viewer may open that person's own record."""
    former: bool
    """A former household member: their membership, or the young person's, has ended."""
    lived_together: bool
    """False when the households feed dates them as members at different times."""
    together_from: date | None
    together_to: date | None
    """When they were in the household together, as far as the feed dates it; never
    given for a relative the viewer may not see, since a sibling born into the household
    joined it on their date of birth."""
    named_person_id: int | None = None
    """The relative's id whenever their name is shown, so the access log can name them."""


def family_for(user: object, person: Person) -> list[RelativeRow]:
    """The person's family members as far as the viewer may see them, current members
    first: school staff never learn, through a family link, the name of a child who is
    not theirs."""
    if DETAIL_BY_ROLE.get(getattr(user, "role", None)) is None or not can_view(user, person):
        return []
    relatives = household_of(person).relatives
    openable = visible_among(user, [r.membership.person_id for r in relatives])
    names_for_all = user.role == Role.TASKFORCE
    rows = []
    for relative in relatives:
        member = relative.membership
        named = names_for_all or member.person_id in openable
        together_from, together_to = (relative.together or (None, None)) if named else (None, None)
        rows.append(
            RelativeRow(
                relationship=relative.relationship,
                name=member.person.full_name if named else None,
                person_id=member.person_id if member.person_id in openable else None,
                former=relative.former,
                lived_together=relative.together is not None,
                together_from=together_from,
                together_to=together_to,
                named_person_id=member.person_id if named else None,
            )
        )
    return rows
