"""Referrals and interventions made through the services, so tests exercise the real
grants, history and notifications."""

import datetime

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from interventions.models import Intervention, Programme, Referral, ReferralStatus, Session
from interventions.services.allocation import Allocation, intervention_allocate
from interventions.services.referrals import ReferralDetails, referral_create
from interventions.services.sessions import Mark, session_record
from interventions.services.triage import referral_accept, referral_ask, referral_decline
from schools.models import Person
from tests.factories.access import school_staff, user_with_role
from tests.factories.schools import EnrolmentFactory


def details(**overrides: object) -> ReferralDetails:
    fields = {
        "reason": "Missing lessons and seen with older young people near the station.",
        "consent_basis": "consent",
        "consent_given_by": "The young person and their mother",
        "referrer_contact": "01632 960001, mornings",
        "urgency": "soon",
    }
    return ReferralDetails(**(fields | overrides))


def pupil_and_dsl() -> tuple[Person, User]:
    enrolment = EnrolmentFactory()
    return enrolment.person, school_staff(Role.DSL, enrolment.school)


def make_referral(
    *,
    status: str = ReferralStatus.SENT,
    person: Person | None = None,
    by: User | None = None,
    **fields: object,
) -> Referral:
    """A referral by a school DSL (made for the pupil if none given), taken to `status`."""
    if person is None:
        person, by = pupil_and_dsl()
    elif by is None:
        by = school_staff(Role.DSL, person.enrolments.get(leaving_date__isnull=True).school)
    referral = referral_create(
        by=by, young_person=person, details=details(**fields), send=status != ReferralStatus.DRAFT
    )
    if status in (ReferralStatus.DRAFT, ReferralStatus.SENT):
        return referral
    officer = user_with_role(Role.TASKFORCE)
    decide = {
        ReferralStatus.ACCEPTED: lambda: referral_accept(
            by=officer, referral=referral, expected_version=referral.version
        ),
        ReferralStatus.DECLINED: lambda: referral_decline(
            by=officer,
            referral=referral,
            expected_version=referral.version,
            reason="Already supported by CAMHS",
        ),
        ReferralStatus.MORE_INFORMATION: lambda: referral_ask(
            by=officer, referral=referral, expected_version=referral.version, question="Who else is involved?"
        ),
    }
    return decide[status]()


def programme(kind: str = Programme.Kind.ONE_TO_ONE) -> Programme:
    return Programme.objects.filter(kind=kind, active=True).order_by("pk").first()


def allocate(
    *,
    referral: Referral | None = None,
    worker: User | None = None,
    start: datetime.date | None = None,
    kind: str = Programme.Kind.ONE_TO_ONE,
    by: User | None = None,
) -> Intervention:
    """Allocated as on its start day, with its first review six weeks after the start:
    one since passed (the service takes only a review date still to come) is set after."""
    referral = referral or make_referral(status=ReferralStatus.ACCEPTED)
    today = timezone.localdate()
    start = start or today - datetime.timedelta(days=30)
    review = start + datetime.timedelta(days=42)
    made = intervention_allocate(
        by=by or user_with_role(Role.TASKFORCE),
        referral=referral,
        allocation=Allocation(
            programme=programme(kind),
            provider="Northbridge Youth Service",
            worker=worker or user_with_role(Role.INTERVENTION_WORKER),
            start_date=start,
            planned_sessions=8,
            review_date=max(review, today),
        ),
    )
    if review < today:
        Intervention.objects.filter(pk=made.pk).update(review_date=review)
        made.refresh_from_db()
    return made


def record_session(intervention: Intervention, *, status: str = "attended", note: str = "") -> Session:
    """An individual session of the intervention, recorded by its worker today."""
    return session_record(
        by=intervention.worker,
        day=timezone.localdate(),
        kind=Session.Kind.INDIVIDUAL,
        marks=[Mark(intervention=intervention, status=status, note=note)],
    )


def referrals_of(person: Person, *, by: User, worker: User) -> dict[str, int]:
    """For the URL walks: a sent referral and a draft by `by`, and an intervention on an
    accepted referral allocated to `worker` with a session it recorded (keys as the
    access matrix names them)."""
    # Each with its own reason: the same referral sent again would be the first.
    sent = make_referral(person=person, by=by)
    draft = make_referral(person=person, by=by, status=ReferralStatus.DRAFT)
    accepted = make_referral(
        person=person, by=by, status=ReferralStatus.ACCEPTED, reason="Seen with a knife."
    )
    intervention = allocate(
        referral=make_referral(
            person=person, by=by, status=ReferralStatus.ACCEPTED, reason="Missing overnight."
        ),
        worker=worker,
    )
    return {
        "referral": sent.pk,
        "draft": draft.pk,
        "accepted": accepted.pk,
        "intervention": intervention.pk,
        "session": record_session(intervention).pk,
    }
