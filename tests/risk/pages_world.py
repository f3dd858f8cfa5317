"""A small school for the trigger-point page tests: pupils with flags at each evidence
tier, one waiting for review, one dismissed, and the staff who look at them."""

from dataclasses import dataclass
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from chronology.models import Sensitivity
from risk.models import Review
from schools.models import Person, School
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagFactory, IndicatorVersionFactory

RESTRICTED_NAME = "Police intelligence with an exploitation marker"


@dataclass
class World:
    school: School
    other_school: School
    absent: Person
    """tp01 (education), raised last month: year 9, SEN support, free school meals."""
    suspended: Person
    """tp01 and tp04 (education, weight 2 each): medium tier; year 10."""
    exploited: Person
    """tp08 (restricted): unnamed for the head teacher; raised this month."""
    waiting: Person
    """tp07 awaiting review: only the taskforce sees it."""
    dismissed: Person
    """tp04, dismissed by the DSL."""
    unflagged: Person
    elsewhere: Person
    """tp01 at the other school."""
    head: User
    dsl: User
    taskforce: User
    other_head: User


def build_world() -> World:
    school, other = SchoolFactory(name="Northgate Academy"), SchoolFactory(name="Southgate Academy")
    tp01 = IndicatorVersionFactory(
        indicator__code="tp01", indicator__position=1, name="Persistent absence", weight=1
    )
    tp04 = IndicatorVersionFactory(
        indicator__code="tp04", indicator__position=4, name="Two or more suspensions", weight=2
    )
    tp07 = IndicatorVersionFactory(
        indicator__code="tp07", indicator__position=7, name="Arrested or suspect", weight=2
    )
    tp08 = IndicatorVersionFactory(
        indicator__code="tp08", indicator__position=8, name=RESTRICTED_NAME, weight=3, needs_review=False
    )
    now = timezone.now()
    last_month = timezone.localdate().replace(day=1) - timedelta(days=3)
    last_month_at = timezone.make_aware(timezone.datetime.combine(last_month, timezone.datetime.min.time()))

    def pupil(year: str = "9", **fields: object) -> Person:
        return EnrolmentFactory(school=school, year_group=year, **fields).person

    absent = pupil(sen_provision="K", fsm_start_date=last_month, person__surname="Absent")
    suspended = pupil(year="10", person__surname="Suspended")
    exploited = pupil(person__surname="Exploited")
    waiting = pupil(person__surname="Waiting")
    dismissed = pupil(person__surname="Dismissed")
    unflagged = pupil(person__surname="Unflagged")
    elsewhere = EnrolmentFactory(school=other, person__surname="Elsewhere").person
    dsl = school_staff(Role.DSL, school)
    education = {"sensitivity": Sensitivity.EDUCATION}
    FlagFactory(person=absent, version=tp01, raised_at=last_month_at, **education)
    FlagFactory(person=suspended, version=tp01, raised_at=now, **education)
    FlagFactory(person=suspended, version=tp04, raised_at=now, **education)
    FlagFactory(person=exploited, version=tp08, raised_at=now, sensitivity=Sensitivity.RESTRICTED)
    FlagFactory(
        person=waiting, version=tp07, raised_at=now, sensitivity=Sensitivity.PARTNER, review=Review.PENDING
    )
    FlagFactory(
        person=dismissed,
        version=tp04,
        raised_at=last_month_at,
        dismissed_at=now,
        dismissed_by=dsl,
        dismissal_reason="known_and_supported",
        **education,
    )
    FlagFactory(person=elsewhere, version=tp01, raised_at=now, **education)
    return World(
        school=school,
        other_school=other,
        absent=absent,
        suspended=suspended,
        exploited=exploited,
        waiting=waiting,
        dismissed=dismissed,
        unflagged=unflagged,
        elsewhere=elsewhere,
        head=school_staff(Role.HEAD_TEACHER, school),
        dsl=dsl,
        taskforce=user_with_role(Role.TASKFORCE),
        other_head=school_staff(Role.HEAD_TEACHER, other),
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
