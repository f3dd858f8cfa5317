"""A morning's use of the portal, so that the information-governance officer's pages have
something to review: school staff and the taskforce open records, a worker opens their
young person, a taskforce officer opens someone outside the caseload by break-glass with
a reason, and the second head teacher tries a pupil of the other school and is refused.

The demo users open the real pages in-process, so every entry is written, signed and
worded exactly as the portal writes it; nothing is put into the log by hand. The
sessions are verified with each user's own authenticator device, as if its code had
been typed, without spending a code the person trying the demo may be about to type.

The morning is the last working day's before the seed, with the portal's clock set to
it (portal/demo/clock.py): played at the hour of seeding, a demo seeded on an evening
or at a weekend had everyone in it working out of hours, anomalies nobody staged. It is
played after the month's scenes (portal/demo/past_anomalies.py) and is later than all
of them, so the log's ids still follow its times."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import can_view, visible_young_people
from accounts.models import AccessLogEntry, User
from accounts.roles import Role
from interventions.models import Intervention
from portal.demo.clock import Clock, clock_at
from portal.demo.quiet import quiet
from portal.demo.users import DEMO_DOMAIN
from schools.models import Person, School

BREAK_GLASS_REASON = (
    "Police called about a stabbing near the school gates this morning; checking whether "
    "this young person is known to any agency (synthetic)."
)

MORNING = time(9, 30)
"""Or half an hour into the working day, where ACCESS_WORKING_HOURS start later."""
BETWEEN_PEOPLE = timedelta(minutes=25)


@dataclass(frozen=True)
class RecordViews:
    morning: datetime
    entries: int
    break_glass: Person | None
    refused: Person | None


def signed_in(user: User) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = (
        TOTPDevice.objects.filter(user=user, confirmed=True).first().persistent_id
    )
    session.save()
    return client


def _pupils(school: School) -> QuerySet[Person]:
    current = Person.objects.filter(enrolments__school=school, enrolments__leaving_date__isnull=True)
    return current.order_by("pk")


def last_working_morning(today: date) -> datetime:
    """MORNING on the last working day (ACCESS_WORKING_DAYS) before `today`."""
    day = today - timedelta(days=1)
    for _ in range(7):
        if day.isoweekday() in settings.ACCESS_WORKING_DAYS:
            break
        day -= timedelta(days=1)
    opens = settings.ACCESS_WORKING_HOURS[0]
    moment = MORNING if opens <= MORNING.hour else time(opens, 30)
    return timezone.make_aware(datetime.combine(day, moment))


def show_record_views(*, users: dict[Role, User], school: School, today: date) -> RecordViews:
    """`users` as create_demo_users returns them; `school` is the first demo school;
    `today` the day of seeding."""
    before = AccessLogEntry.objects.count()
    morning = last_working_morning(today)
    with clock_at(morning) as clock:
        outside, refused = _the_morning(users, school, clock)
    return RecordViews(
        morning=morning,
        entries=AccessLogEntry.objects.count() - before,
        break_glass=outside,
        refused=refused,
    )


def _the_morning(
    users: dict[Role, User], school: School, clock: Clock
) -> tuple[Person | None, Person | None]:
    """Each person's pages a little after the last person's. Returns whom the taskforce
    officer opened by break-glass and whom the second head teacher was refused."""
    head_teacher, dsl, taskforce = users[Role.HEAD_TEACHER], users[Role.DSL], users[Role.TASKFORCE]
    flagged = list(_pupils(school).filter(flags__cleared_at__isnull=True).distinct()[:3])

    staff = signed_in(head_teacher)
    staff.get(reverse("trigger_points:flagged"))
    for pupil in flagged[:1]:
        staff.get(reverse("young_person_detail", args=[pupil.pk]))
    clock.advance(BETWEEN_PEOPLE)
    lead = signed_in(dsl)
    for pupil in flagged:
        lead.get(reverse("young_person_detail", args=[pupil.pk]))
        lead.get(reverse("chronology:timeline", args=[pupil.pk]))

    clock.advance(BETWEEN_PEOPLE)
    officer = signed_in(taskforce)
    officer.get(reverse("referrals:queue"))
    caseload = list(visible_young_people(taskforce).order_by("pk")[:2])
    for person in caseload:
        officer.get(reverse("young_person_detail", args=[person.pk]))
    outside = next((p for p in _pupils(school).iterator() if not can_view(taskforce, p)), None)
    if outside is not None:
        officer.get(reverse("young_person_list"), {"q": outside.surname})
        officer.post(reverse("young_person_break_glass", args=[outside.pk]), {"reason": BREAK_GLASS_REASON})
        officer.get(reverse("young_person_detail", args=[outside.pk]))

    clock.advance(BETWEEN_PEOPLE)
    worker = users[Role.INTERVENTION_WORKER]
    open_work = Intervention.objects.filter(worker=worker, closed_on__isnull=True).order_by("pk").first()
    if open_work is not None:
        signed_in(worker).get(reverse("young_person_detail", args=[open_work.young_person_id]))

    clock.advance(BETWEEN_PEOPLE)
    refused = flagged[0] if flagged else None
    if refused is not None:
        other_school = signed_in(User.objects.get(email=f"head.teacher2@{DEMO_DOMAIN}"))
        # The refusal is meant: not a "Not Found" warning among the seed's output.
        with quiet("django.request", level=logging.ERROR):
            other_school.get(reverse("young_person_detail", args=[refused.pk]))
    return outside, refused
