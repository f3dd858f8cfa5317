from datetime import date, timedelta

import pytest

from chronology.models import AttendanceMark, AttendanceWeek, Feed, FeedRun
from chronology.services.register import install_demonstration_register
from risk.models import Flag, Indicator
from risk.services.computing import compute_flags
from risk.services.library import indicator_create
from tests.factories import EventFactory, FeedFactory, FeedRunFactory

TODAY = date(2026, 11, 30)
"""A Monday."""


@pytest.fixture(autouse=True)
def _register(db):
    install_demonstration_register(by=None)


def make_indicator(rules: list[dict], *, code: str = "tq01", **fields: object) -> Indicator:
    fields.setdefault("needs_review", False)
    return indicator_create(
        by=None, code=code, name=f"Rule {code}", description="A test rule.", rules=rules, weight=2, **fields
    )


def events_rule(categories: list[str], *, days: int = 365, min_count: int = 1, **more: object) -> dict:
    return {
        "type": "events",
        "params": {"categories": categories, "days": days, "min_count": min_count, **more},
    }


def compute(**kwargs: object):
    kwargs.setdefault("today", TODAY)
    return compute_flags(**kwargs)


def flagged(indicator: Indicator) -> set[int]:
    return set(
        Flag.objects.filter(indicator=indicator, cleared_at__isnull=True).values_list("person_id", flat=True)
    )


def feed(code: str) -> Feed:
    return Feed.objects.get(code=code)


def event(person, code: str, category: str, days_ago: int, **fields: object):
    return EventFactory(
        person=person,
        feed=feed(code),
        category=category,
        occurred_on=TODAY - timedelta(days=days_ago),
        sensitivity=feed(code).default_sensitivity,
        **fields,
    )


def register_mark(
    person,
    school,
    day: date,
    run,
    *,
    key: str,
    code: str = "/",
    meaning: str = "present",
    session: str = "AM",
) -> AttendanceMark:
    """One register mark for `person` at `school`, as an attendance import stores it."""
    return AttendanceMark.objects.create(
        source_record_id=key,
        person=person,
        school=school,
        upn=person.upn,
        date=day,
        session=session,
        code=code,
        meaning=meaning,
        feed_run=run,
    )


def attendance_weeks(person, school, weeks: list[tuple[int, int]], *, monday: date = TODAY) -> None:
    """(attended, possible) for each of the school weeks up to `monday`'s, most recent
    first; one mark per week makes it a school week."""
    run = FeedRunFactory(feed=FeedFactory(code=Feed.Code.ATTENDANCE), status=FeedRun.Status.COMPLETED)
    for n, (attended, possible) in enumerate(weeks):
        week = monday - timedelta(weeks=n)
        AttendanceWeek.objects.create(
            person=person, week=week, present=attended, authorised=possible - attended
        )
        register_mark(person, school, week, run, key=f"m-{person.pk}-{week}")
