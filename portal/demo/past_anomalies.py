"""The month before the seed, as IG's anomalies page would hold it: the demo's morning
(portal/demo/record_views.py, played after these scenes on the last working day) gives a
break-glass view and a refused attempt. Here the rest happens on days counted back from
the seed's, within the past month, so every kind of anomaly shows, and only these,
whatever day and hour the demo is seeded:

- the DSL reads their flagged pupils' records one weekday evening before a case
  conference, more people in one hour than ACCESS_ANOMALY_RECORDS_PER_HOUR (where the
  school has enough) and outside working hours;
- the taskforce officer, on call, opens a young person on their caseload on a Saturday
  evening, which IG reviewed the Monday after with a note;
- the intervention worker mistypes their password until the sign-in locks them out.

The pages are opened in-process with the portal's clock set to each moment
(portal/demo/clock.py), so the access log holds them as it holds any page; the lockout is
django-axes' own record of the sign-in page's refusals, moved back to its morning as
the demo moves the times of its other records."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import cycle

from axes.models import AccessFailureLog
from axes.utils import reset
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.access import visible_young_people
from accounts.models import AccessLogSubject, AnomalyReview, User
from accounts.roles import Role
from accounts.selectors_anomaly_patterns import OPENED, out_of_hours_key
from accounts.services.anomalies import anomaly_review
from portal.demo.clock import clock_at
from portal.demo.quiet import quiet
from portal.demo.record_views import signed_in
from schools.models import Person, School

EVENING = time(19, 2)
PAGE_EVERY = timedelta(seconds=75)
ON_CALL = time(20, 40)
REVIEWED = time(10, 20)
"""IG reviews the Saturday evening on the Monday morning."""
MISTYPED_AT = time(8, 40)
MISTYPED = ("demo-pasword-2026", "DEMO-PASSWORD-2026", "demo-password-2025", "demo-password2026")
"""The demo password as a hurried thumb types it: a letter dropped, caps lock, last year's."""
WORKER_ADDRESS = "203.0.113.24"
"""A mobile network's address, from the range kept for documentation (RFC 5737)."""
ON_CALL_NOTE = (
    "Spoke to the taskforce officer: on call that weekend, the police asked whether the young "
    "person was known after an incident that evening. Access justified."
)


@dataclass(frozen=True)
class PastAnomalies:
    evening: date
    people_in_the_hour: int
    on_call: date
    reviewed: str
    """The key of the anomaly IG has already reviewed ("" if the officer had nobody to open)."""
    locked_out: str


def show_past_anomalies(*, users: dict[Role, User], school: School, today: date) -> PastAnomalies:
    """`users` as create_demo_users returns them; `school` the DSL's. In the order they
    happened, so the log's ids follow its times."""
    taskforce, ig = users[Role.TASKFORCE], users[Role.IG_OFFICER]
    saturday = _last(weekday=5, on_or_before=today - timedelta(days=14))
    key = ""
    if _on_call(taskforce, saturday):
        key = out_of_hours_key(taskforce.pk, saturday)
        review = anomaly_review(by=ig, key=key, note=ON_CALL_NOTE)
        AnomalyReview.objects.filter(pk=review.pk).update(
            reviewed_at=_at(saturday + timedelta(days=2), REVIEWED)
        )
    wednesday = _last(weekday=2, on_or_before=today - timedelta(days=7))
    people = _evening_before_a_case_conference(users[Role.DSL], school, wednesday)
    worker = users[Role.INTERVENTION_WORKER]
    _mistyped_password(worker, _last(weekday=0, on_or_before=today - timedelta(days=1)))
    return PastAnomalies(
        evening=wednesday, people_in_the_hour=people, on_call=saturday, reviewed=key, locked_out=worker.email
    )


def _last(*, weekday: int, on_or_before: date) -> date:
    return on_or_before - timedelta(days=(on_or_before.weekday() - weekday) % 7)


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _on_call(taskforce: User, saturday: date) -> bool:
    """Whether the officer had anybody on their caseload to open."""
    with clock_at(_at(saturday, ON_CALL)):
        person = visible_young_people(taskforce).order_by("pk").first()
        if person is not None:
            signed_in(taskforce).get(reverse("young_person_detail", args=[person.pk]))
    return person is not None


def _evening_before_a_case_conference(dsl: User, school: School, day: date) -> int:
    """The school's flagged pupils first, then the rest of the roll, until the hour has
    named more people than the threshold or the hour is up. Returns how many it named."""
    start = _at(day, EVENING)
    hour_end = start.replace(minute=0) + timedelta(hours=1)
    pupils = Person.objects.filter(enrolments__school=school, enrolments__leaving_date__isnull=True)
    flagged = set(pupils.filter(flags__cleared_at__isnull=True).values_list("pk", flat=True))
    order = sorted(pupils.values_list("pk", flat=True).distinct(), key=lambda pk: (pk not in flagged, pk))
    named = AccessLogSubject.objects.filter(
        entry__actor=dsl, entry__kind__in=OPENED, entry__at__gte=start, entry__at__lt=hour_end
    )
    people = 0
    with clock_at(start) as clock:
        client = signed_in(dsl)
        for pk in order:
            if people > settings.ACCESS_ANOMALY_RECORDS_PER_HOUR or clock.at + PAGE_EVERY >= hour_end:
                break
            client.get(reverse("young_person_detail", args=[pk]))
            people = named.values("person").distinct().count()
            clock.advance(PAGE_EVERY)
    return people


def _mistyped_password(user: User, day: date) -> None:
    """Until the sign-in page locks the account out. The attempts are dated that morning,
    and axes' count of them is forgiven, as the portal forgives it when the account signs
    in after the cool-off (accounts.auth_backends): the person trying the demo is not
    locked out."""
    before = AccessFailureLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    client = Client(REMOTE_ADDR=WORKER_ADDRESS, HTTP_HOST="localhost")
    # The lockout is meant: not axes' warnings of each failure, nor a "Too Many Requests",
    # among the seed's output.
    with quiet("axes", "django.request", level=logging.ERROR):
        for _, password in zip(range(settings.AXES_FAILURE_LIMIT), cycle(MISTYPED), strict=False):
            client.post(reverse("login"), {"username": user.email, "password": password})
    start = _at(day, MISTYPED_AT)
    attempts = AccessFailureLog.objects.filter(pk__gt=before, username=user.email).order_by("pk")
    for n, pk in enumerate(attempts.values_list("pk", flat=True)):
        AccessFailureLog.objects.filter(pk=pk).update(attempt_time=start + n * timedelta(seconds=25))
    reset(username=user.email)
