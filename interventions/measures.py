"""Outcome measures computed from the feeds (issue 17, item 5). The same measures are
taken for the period before an intervention (the baseline) and for the period since it
started (at each review and at closure), so the two stand side by side.

Windows, at their edges:
- attendance: the baseline is the last 12 school weeks (weeks with at least one possible
  session) whose Monday is before the week the intervention starts; the period since
  counts the weeks from the start week (inclusive) to the week of the measuring day.
- events (suspensions, police incidents, missing episodes, CAMHS acceptances): the
  baseline counts the 6 months up to the day before the start; the period since counts
  the start day to the measuring day, both inclusive.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, F, Q

from chronology.models import AttendanceWeek, Event
from interventions.models import Attendance, Programme
from interventions.trigger_points import open_trigger_points

SCHOOL_WEEKS = 12
EVENT_MONTHS = 6
SUSPENSION_CATEGORIES = ("suspension", "permanent_exclusion", "lunchtime_suspension")
SUSPECT_ROLES = ("suspect", "arrested")
ASB = "anti_social_behaviour"


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


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


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
        "attendance_to": max((w.week + timedelta(days=6) for w in weeks), default=None),
        "school_weeks": len(weeks),
        "sessions_attended": sum(w.attended for w in weeks),
        "sessions_possible": sum(w.possible for w in weeks),
    }


def _events(person_id: int, first: date, last: date) -> dict[str, int]:
    counts = Event.objects.filter(
        person_id=person_id, occurred_on__gte=first, occurred_on__lte=last
    ).aggregate(
        suspensions=Count("pk", filter=Q(category__in=SUSPENSION_CATEGORIES)),
        police_incidents_as_suspect=Count(
            "pk", filter=Q(category="police_incident", details__role__in=SUSPECT_ROLES)
        ),
        asb_reports=Count("pk", filter=Q(category="police_incident", details__offence_group=ASB)),
        missing_episodes=Count("pk", filter=Q(category="missing_episode")),
        camhs=Count("pk", filter=Q(category="health_camhs_accepted")),
    )
    specialist_sessions = Attendance.objects.filter(
        intervention__young_person_id=person_id,
        intervention__programme__kind=Programme.Kind.SPECIALIST,
        status=Attendance.Status.ATTENDED,
        withdrawn=False,
        session__date__gte=first,
        session__date__lte=last,
    ).count()
    counts["specialist_support"] = counts.pop("camhs") + specialist_sessions
    return counts


def baseline(*, person_id: int, start: date) -> Figures:
    weeks = list(_school_weeks(person_id).filter(week__lt=monday(start)).order_by("-week")[:SCHOOL_WEEKS])
    first, last = start - relativedelta(months=EVENT_MONTHS), start - timedelta(days=1)
    return Figures(
        **_attendance(weeks),
        events_from=first,
        events_to=last,
        **_events(person_id, first, last),
        open_trigger_points=open_trigger_points(person_id),
    )


def since(*, person_id: int, start: date, on: date) -> Figures:
    weeks = list(_school_weeks(person_id).filter(week__gte=monday(start), week__lte=on))
    return Figures(
        **_attendance(weeks),
        events_from=start,
        events_to=on,
        **_events(person_id, start, on),
        open_trigger_points=open_trigger_points(person_id),
    )
