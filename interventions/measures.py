"""Outcome measures computed from the feeds (issue 17, item 5). The same measures are
taken for the period before an intervention (the baseline) and for the period since it
started (at each review and at closure), so the two stand side by side.

Windows, at their edges:
- attendance, by school week (Monday to Friday, a week with at least one possible
  session): the baseline is the last 12 that ended before the start day; the period since
  counts those that begin on or after the start day and whose Friday has come by the
  measuring day. A week the start falls in is in neither, so neither side counts marks
  from the other.
- events (suspensions, police incidents, missing episodes, CAMHS acceptances): the
  baseline counts the 6 months up to the day before the start; the period since counts
  the start day to the measuring day, both inclusive.

A measure taken before the first whole school week since the start has passed is
too_soon: it has nothing since the start to set beside the baseline (a day's counts, no
school week), so the page says so and the scorecards leave it out.

Each count counts everything, so the taskforce's figures are whole. Beside it the
measure keeps what the count is made of (`by_sensitivity`): per source (a feed, the
sessions, each flag), how many at each sensitivity tier. From these measures_seen gives
every other viewer only what they may see, at each source's tier then or now, whichever
is higher.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, F, Q

from chronology.models import AttendanceWeek, Event, Sensitivity
from interventions.models import Attendance, Programme
from interventions.trigger_points import open_trigger_points

SCHOOL_WEEKS = 12
EVENT_MONTHS = 6
SUSPENSION_CATEGORIES = ("suspension", "permanent_exclusion", "lunchtime_suspension")
SUSPECT_ROLES = ("suspect", "arrested")
ASB = "anti_social_behaviour"
EVENT_COUNTS = {
    "suspensions": Q(category__in=SUSPENSION_CATEGORIES),
    "police_incidents_as_suspect": Q(category="police_incident", details__role__in=SUSPECT_ROLES),
    "asb_reports": Q(category="police_incident", details__offence_group=ASB),
    "missing_episodes": Q(category="missing_episode"),
    "specialist_support": Q(category="health_camhs_accepted"),
}
SESSIONS = "sessions"
"""The source of specialist sessions among a count's parts; a feed's is its code."""
SESSION_SENSITIVITY = Sensitivity.PARTNER
"""The tier of an intervention's sessions, as the chronology shows them."""
AWAITING_REVIEW = "open_trigger_points_awaiting_review"
"""The part of open trigger points still waiting for the taskforce's review."""

Parts = dict[str, dict[str, int]]
"""One count's parts: source -> {sensitivity: how many}."""


@dataclass(frozen=True)
class Figures:
    attendance_from: date | None
    attendance_to: date | None
    school_weeks: int
    sessions_attended: int
    sessions_possible: int
    events_from: date
    events_to: date
    suspensions: int
    police_incidents_as_suspect: int
    asb_reports: int
    missing_episodes: int
    specialist_support: int
    open_trigger_points: int
    by_sensitivity: dict[str, Parts]
    """Each count's parts by name; open trigger points awaiting review apart, under
    AWAITING_REVIEW."""
    too_soon: bool = False


FRIDAY = timedelta(days=4)
"""From a week's Monday to its last school day."""


def first_measurable(start: date) -> date:
    """The Friday of the first school week that begins on or after the start day: the
    first day there is a whole week since the start to measure."""
    return start + timedelta(days=-start.weekday() % 7) + FRIDAY


def _school_weeks(person_id: int) -> object:
    possible = F("present") + F("attending") + F("authorised") + F("unauthorised")
    return (
        AttendanceWeek.objects.filter(person_id=person_id)
        .annotate(possible=possible, attended=F("present") + F("attending"))
        .filter(possible__gt=0)
    )


def _attendance(weeks: list) -> dict[str, object]:
    return {
        "attendance_from": min((w.week for w in weeks), default=None),
        "attendance_to": max((w.week + FRIDAY for w in weeks), default=None),
        "school_weeks": len(weeks),
        "sessions_attended": sum(w.attended for w in weeks),
        "sessions_possible": sum(w.possible for w in weeks),
    }


def _events(person_id: int, first: date, last: date) -> dict[str, Parts]:
    """Each event count's parts by feed and tier, specialist sessions included."""
    groups = (
        Event.objects.filter(person_id=person_id, occurred_on__gte=first, occurred_on__lte=last)
        .order_by()
        .values("feed__code", "sensitivity")
        .annotate(**{name: Count("pk", filter=q) for name, q in EVENT_COUNTS.items()})
    )
    parts: dict[str, Parts] = {name: {} for name in EVENT_COUNTS}
    for group in groups:
        for name in EVENT_COUNTS:
            if group[name]:
                parts[name].setdefault(group["feed__code"], {})[group["sensitivity"]] = group[name]
    specialist_sessions = Attendance.objects.filter(
        intervention__young_person_id=person_id,
        intervention__programme__kind=Programme.Kind.SPECIALIST,
        status=Attendance.Status.ATTENDED,
        withdrawn=False,
        session__date__gte=first,
        session__date__lte=last,
    ).count()
    if specialist_sessions:
        parts["specialist_support"][SESSIONS] = {SESSION_SENSITIVITY: specialist_sessions}
    return parts


def _counts(person_id: int, first: date, last: date) -> dict[str, object]:
    parts = _events(person_id, first, last)
    parts["open_trigger_points"], parts[AWAITING_REVIEW] = open_trigger_points(person_id)
    totals = {name: sum(sum(t.values()) for t in sources.values()) for name, sources in parts.items()}
    totals["open_trigger_points"] += totals.pop(AWAITING_REVIEW)
    return {**totals, "by_sensitivity": parts}


def baseline(*, person_id: int, start: date) -> Figures:
    weeks = list(_school_weeks(person_id).filter(week__lt=start - FRIDAY).order_by("-week")[:SCHOOL_WEEKS])
    first, last = start - relativedelta(months=EVENT_MONTHS), start - timedelta(days=1)
    return Figures(**_attendance(weeks), events_from=first, events_to=last, **_counts(person_id, first, last))


def since(*, person_id: int, start: date, on: date) -> Figures:
    weeks = list(_school_weeks(person_id).filter(week__gte=start, week__lte=on - FRIDAY))
    return Figures(
        **_attendance(weeks),
        events_from=start,
        events_to=on,
        **_counts(person_id, start, on),
        too_soon=on < first_measurable(start),
    )
