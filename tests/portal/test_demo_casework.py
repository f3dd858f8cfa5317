"""The demo's casework: a referral in every state, open and closed interventions with
sessions (one corrected, one withdrawn), a review due, and outcomes that went well and
badly from the imported data."""

import datetime

import pytest
from django.utils import timezone

from chronology.models import AttendanceWeek
from interventions.models import Intervention, Measure, Referral, ReferralEntry, ReferralStatus, Session
from portal.demo.casework import seed_demo_casework
from portal.demo.casework_pupils import ANTI_SOCIAL, MISSING, SUSPENSIONS
from portal.demo.users import assign_demo_schools, create_demo_users
from tests.factories import EnrolmentFactory, EventFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_every_state_and_both_kinds_of_outcome():
    users = create_demo_users()
    school = SchoolFactory()
    assign_demo_schools(by=None, first=school, second=SchoolFactory())
    pupils = [EnrolmentFactory(school=school).person for _ in range(14)]
    today = timezone.localdate()
    start = today - datetime.timedelta(weeks=6)
    monday = start - datetime.timedelta(days=start.weekday())
    rising, falling = pupils[3], pupils[9]
    for n in range(1, 7):
        AttendanceWeek.objects.create(
            person=rising, week=monday - n * datetime.timedelta(weeks=1), present=5, unauthorised=5
        )
        AttendanceWeek.objects.create(
            person=falling, week=monday - n * datetime.timedelta(weeks=1), present=10
        )
        AttendanceWeek.objects.create(
            person=rising, week=monday + (n - 1) * datetime.timedelta(weeks=1), present=10
        )
        AttendanceWeek.objects.create(
            person=falling, week=monday + (n - 1) * datetime.timedelta(weeks=1), present=4, unauthorised=6
        )

    work = seed_demo_casework(school=school, as_of=today, today=today)

    assert set(Referral.objects.values_list("status", flat=True)) == set(ReferralStatus.values)
    assert work.referrals == Referral.objects.count()
    closed = Intervention.objects.filter(status="closed")
    assert {i.young_person for i in closed} == {rising, falling}
    assert Intervention.objects.filter(status="active", worker__email="worker@northbridge.example").exists()
    assert Session.objects.filter(kind="group").exists()
    mentoring = Session.objects.filter(recorded_by__email="worker@northbridge.example")
    assert mentoring.filter(corrected_at__isnull=False, withdrawn_at__isnull=True).count() == 1
    assert mentoring.filter(withdrawn_at__isnull=False).count() == 1
    assert Measure.objects.filter(point=Measure.Point.REVIEW).exists()
    # A review the worker recorded, with their judgement beside the figures, not only
    # the measure the daily task takes.
    judged = Measure.objects.filter(point=Measure.Point.REVIEW).exclude(review_note="")
    assert judged.filter(intervention__young_person=rising).exists()
    good = closed.get(young_person=rising).measures.get(point="closure")
    bad = closed.get(young_person=falling).measures.get(point="closure")
    assert good.attendance_percent == 100
    assert bad.attendance_percent == 40
    assert seed_demo_casework(school=school, as_of=today, today=today).referrals == 0
    assert users


def test_the_intervention_that_went_badly_shows_a_police_incident_since_it_began():
    """Both closed interventions measured no police incident: the outcome that went badly
    showed only a fall in attendance, and the scorecard 2 of 2 with no new incident."""
    create_demo_users()
    school = SchoolFactory()
    assign_demo_schools(by=None, first=school, second=SchoolFactory())
    pupils = [EnrolmentFactory(school=school).person for _ in range(14)]
    today = timezone.localdate()
    start = today - datetime.timedelta(weeks=6)
    monday = start - datetime.timedelta(days=start.weekday())
    falling, arrested = pupils[9], pupils[4]
    for n in range(1, 7):
        for person in (falling, arrested):
            AttendanceWeek.objects.create(
                person=person, week=monday - n * datetime.timedelta(weeks=1), present=10
            )
        after = monday + (n - 1) * datetime.timedelta(weeks=1)
        AttendanceWeek.objects.create(person=falling, week=after, present=2, unauthorised=8)
        AttendanceWeek.objects.create(person=arrested, week=after, present=7, unauthorised=3)
    EventFactory(
        person=arrested, occurred_on=today - datetime.timedelta(days=10), details={"role": "suspect"}
    )

    seed_demo_casework(school=school, as_of=today, today=today)

    bad = Intervention.objects.get(status="closed", closure_reason="disengaged")
    assert bad.young_person == arrested
    closure = bad.measures.get(point="closure")
    assert closure.police_incidents_as_suspect == 1
    assert closure.attendance_percent == 70


def test_seeded_on_a_sunday_the_casework_happened_on_weekdays():
    """Seeded on a Sunday, every session, review and closure fell on a Sunday."""
    create_demo_users()
    school = SchoolFactory()
    assign_demo_schools(by=None, first=school, second=SchoolFactory())
    for _ in range(14):
        EnrolmentFactory(school=school)
    today = timezone.localdate()
    sunday = today - datetime.timedelta(days=(today.weekday() + 1) % 7)

    seed_demo_casework(school=school, as_of=sunday, today=today)

    days = list(Session.objects.values_list("date", flat=True))
    days += list(Intervention.objects.values_list("start_date", flat=True))
    days += [d for d in Intervention.objects.values_list("closed_on", flat=True) if d]
    days += list(Measure.objects.values_list("measured_on", flat=True))
    assert days
    assert all(day.weekday() < 5 for day in days), sorted({d.strftime("%A") for d in days})


def test_each_step_of_a_referral_has_its_own_day_in_order(monkeypatch):
    """Seeded after midnight, the steps were put three hours before the hour of seeding:
    referrals sent and triaged at nine in the evening."""
    after_midnight = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time(0, 40))
    )
    _seeded_at(monkeypatch, after_midnight)

    decided = Referral.objects.filter(decided_at__isnull=False)
    assert decided.count() >= 6
    waits = sorted((r.decided_at - r.sent_at).days for r in decided)
    assert waits[0] >= 2, "a decision takes days, not the moment of sending"
    assert len(set(waits)) > 1
    for intervention in Intervention.objects.select_related("referral"):
        referral = intervention.referral
        assert referral.sent_at < referral.decided_at < intervention.allocated_at
        assert intervention.allocated_at.date() <= intervention.start_date
    allocated = Intervention.objects.values_list("referral__decided_at", flat=True)
    assert len({timezone.localdate(at) for at in allocated}) > 1, "not all accepted on one day"
    for referral in Referral.objects.exclude(status=ReferralStatus.DRAFT).prefetch_related("entries"):
        times = [entry.at for entry in referral.entries.all()]
        assert times == sorted(times)
        steps = [e.at for e in referral.entries.all() if e.action != ReferralEntry.Action.ADDED]
        assert all(9 <= timezone.localtime(at).hour < 16 for at in steps), "in the working day"
        assert referral.created_at == referral.sent_at == times[0]
        assert referral.status_changed_at <= timezone.now()


def test_a_referral_was_asked_about_answered_and_then_accepted_in_that_order():
    """The demo showed a question waiting for its answer but never an answered one: the
    referral's history, the work queue's ages and the referrer's notifications never
    showed the round trip."""
    _seeded()

    answer = ReferralEntry.objects.get(action=ReferralEntry.Action.ANSWERED)
    referral = answer.referral
    steps = {e.action: e.at for e in referral.entries.all()}
    assert referral.status == ReferralStatus.ACCEPTED
    assert answer.by.email == "head.teacher@northbridge.example"
    assert steps["sent"] < steps["asked"] < steps["answered"] < steps["accepted"] < timezone.now()
    assert referral.decided_at == referral.status_changed_at == steps["accepted"]


def test_a_reason_that_claims_records_goes_to_a_pupil_whose_records_hold_them():
    """A taskforce officer opening the pupil referred as "missing from home more than
    once" found no missing episode on their record; one declined as "early help already
    supports the family" had no early help, and one "late most mornings" four late marks."""
    create_demo_users()
    school = SchoolFactory()
    assign_demo_schools(by=None, first=school, second=SchoolFactory())
    pupils = [EnrolmentFactory(school=school).person for _ in range(14)]
    missing, once = pupils[12], pupils[5]
    EventFactory.create_batch(2, person=missing, category="missing_episode", summary="Missing episode")
    EventFactory(person=once, category="missing_episode", summary="Missing episode")
    asb = EventFactory(person=pupils[11], details={"offence_group": "anti_social_behaviour"})
    today = timezone.localdate()

    seed_demo_casework(school=school, as_of=today, today=today)

    assert Referral.objects.get(reason=MISSING.reason).young_person == missing
    assert Referral.objects.get(reason=ANTI_SOCIAL.reason).young_person == asb.person
    assert not Referral.objects.filter(reason=SUSPENSIONS.reason).exists(), "nobody has two suspensions"
    assert Referral.objects.filter(reason=SUSPENSIONS.otherwise).exists()
    declined = Referral.objects.get(status=ReferralStatus.DECLINED)
    assert "early help" not in declined.decision_reason.lower(), "no pupil here has early help"
    assert "no SAFE criteria" not in declined.decision_reason, "not of a pupil it names trigger points of"
    said = set(" ".join(Referral.objects.values_list("reason", flat=True)).replace(".", " ").split())
    assert not said & {"he", "him", "his"}, "pupils are not all boys"


def _seeded_at(monkeypatch, when: datetime.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: when)
    _seeded()


def _seeded() -> None:
    """The demo's casework over one school of 14 pupils, seeded today."""
    create_demo_users()
    school = SchoolFactory()
    assign_demo_schools(by=None, first=school, second=SchoolFactory())
    for _ in range(14):
        EnrolmentFactory(school=school)
    today = timezone.localdate()
    seed_demo_casework(school=school, as_of=today, today=today)


def _this_week(weekday: int, hour: int, minute: int) -> datetime.datetime:
    today = timezone.localdate()
    day = today - datetime.timedelta(days=today.weekday() - weekday)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.mark.parametrize(
    "seeded",
    [(0, 7, 30), (6, 12, 0), (2, 19, 15)],
    ids=["Monday before work", "Sunday", "Wednesday evening"],
)
def test_every_referral_step_fell_on_a_weekday_in_the_working_day_and_in_the_past(monkeypatch, seeded):
    """A referral sent "a day ago" of a demo seeded on a Monday was sent on a Sunday, and
    the steps on a weekend day were taken there: the casework happens on working days."""
    now = _this_week(*seeded)
    _seeded_at(monkeypatch, now)

    moments = list(ReferralEntry.objects.values_list("at", flat=True))
    for referral in Referral.objects.exclude(status=ReferralStatus.DRAFT):
        moments += [referral.created_at, referral.sent_at, referral.status_changed_at]
        moments += [referral.decided_at] if referral.decided_at else []
    moments += list(Intervention.objects.values_list("allocated_at", flat=True))
    assert len(moments) > 30
    local = [timezone.localtime(at) for at in moments]
    assert [at for at in local if at.weekday() >= 5] == []
    assert [at for at in local if not 9 <= at.hour < 16] == []
    assert [at for at in moments if at > now] == []
    for referral in Referral.objects.exclude(status=ReferralStatus.DRAFT).prefetch_related("entries"):
        times = [entry.at for entry in referral.entries.all()]
        assert times == sorted(times)
        assert referral.sent_at == times[0]
