"""The demo's referrals and interventions, made through the same services the pages use:
a referral in every state (one asked for more information and answered before it was
accepted), open interventions with individual and group sessions (one
corrected, one withdrawn as recorded twice), a review due, and two closed interventions
whose measured outcomes went well and badly (the bad one's with a police incident since
it began, where the city has one). Whom each is about: casework_pupils."""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from interventions.models import Intervention, Measure, Programme, Referral, Session
from interventions.services.allocation import Allocation, Closure, intervention_allocate, intervention_close
from interventions.services.referrals import referral_add_information, referral_create
from interventions.services.reviews import intervention_review, reviews_due_measure
from interventions.services.sessions import Mark, session_record
from interventions.services.triage import referral_accept, referral_ask, referral_decline
from interventions.trigger_points import trigger_points_for_referrer
from portal.demo.casework_dates import Dates, backdate, backdate_draft, working_day_on_or_before
from portal.demo.casework_pupils import (
    ANTI_SOCIAL,
    MISSING,
    SUSPENSIONS,
    attendance_change,
    by_attendance_change,
    declined_because,
    first_with_a_restricted_flag_second,
    in_trouble_since,
    on_grounds,
    referral_details,
)
from portal.demo.session_corrections import seed_session_corrections
from portal.demo.users import DEMO_DOMAIN
from schools.models import Enrolment, Person, School

CANDIDATES = 80
WEEKS_OPEN = 6


@dataclass(frozen=True)
class DemoCasework:
    referrals: int
    interventions: int
    sessions: int


def _user(name: str) -> User:
    return User.objects.get(email=f"{name}@{DEMO_DOMAIN}")


def _programme(kind: str) -> Programme:
    return Programme.objects.filter(kind=kind, active=True).order_by("pk").first()


def seed_demo_casework(*, school: School, as_of: date, today: date) -> DemoCasework:
    if Referral.objects.exists():
        return DemoCasework(referrals=0, interventions=0, sessions=0)
    head, dsl, officer, worker = (_user(n) for n in ("head.teacher", "dsl", "taskforce", "worker"))
    end = working_day_on_or_before(min(as_of, today))
    start = end - timedelta(weeks=WEEKS_OPEN)
    pupil_ids = Enrolment.objects.filter(school=school, leaving_date__isnull=True).values("person_id")
    pupils = list(Person.objects.filter(pk__in=pupil_ids).order_by("pk")[:CANDIDATES])
    if len(pupils) < 12:
        return DemoCasework(referrals=0, interventions=0, sessions=0)
    arrested = in_trouble_since(among=pupil_ids, start=start, end=end)
    ranked = by_attendance_change(pupils + [p for p in arrested if p not in pupils], start, end)
    improved = ranked[0]
    falling = (p for p in reversed(ranked) if p in arrested and attendance_change(p, start, end) < 0)
    worsened = next(falling, ranked[-1])
    rest = [p for p in ranked[1:] if p != worsened]
    first_with_a_restricted_flag_second(rest)
    reasons = {}
    for slot, grounds in ((2, SUSPENSIONS), (6, MISSING), (7, ANTI_SOCIAL)):
        others = {p.pk for p in (improved, worsened, *rest[:9]) if p is not rest[slot]}
        rest[slot], reasons[slot] = on_grounds(grounds, among=pupil_ids, default=rest[slot], taken=others)

    def refer(person: Person, by: User, reason: str, urgency: str = "routine", **kw: object) -> Referral:
        """With the trigger points the form offers the referrer ticked, as a referrer would."""
        details = replace(
            referral_details(reason, urgency, **kw), trigger_points=trigger_points_for_referrer(by, person.pk)
        )
        return referral_create(by=by, young_person=person, details=details, send=True)

    def accept(referral: Referral) -> Referral:
        return referral_accept(
            by=officer, referral=referral, expected_version=referral.version, note="Meets SAFE criteria."
        )

    made: list[tuple[Referral, Dates]] = []
    draft = referral_create(
        by=head,
        young_person=rest[0],
        details=referral_details("Falling behind in lessons and withdrawn from friends.", "routine"),
        send=False,
    )
    made.append(
        (
            refer(rest[1], dsl, "Seen with older teenagers near the station in school hours.", "urgent"),
            Dates(sent=1),
        )
    )
    made.append(
        (
            refer(rest[2], head, reasons[2], "soon", consent="not_sought"),
            Dates(sent=3),
        )
    )
    asked = refer(rest[3], dsl, "Carrying large amounts of cash; new expensive phone.", "soon")
    made.append(
        (
            referral_ask(
                by=officer,
                referral=asked,
                expected_version=asked.version,
                question="Is an older sibling involved?",
            ),
            Dates(sent=6, triaged=4),
        )
    )
    declined = refer(rest[4], head, "Tired and quiet in lessons; staff are not sure why.", "routine")
    made.append(
        (
            referral_decline(
                by=officer,
                referral=declined,
                expected_version=declined.version,
                reason=declined_because(declined.young_person),
            ),
            Dates(sent=12, triaged=7),
        )
    )
    answered = refer(rest[5], head, "Peers are worried about who they meet after school.", "soon")
    answered = referral_ask(
        by=officer,
        referral=answered,
        expected_version=answered.version,
        question="Do staff know who they meet, and where?",
    )
    answered = referral_add_information(
        by=head,
        referral=answered,
        note="Older teenagers from outside the school, in a car by the gates most days.",
    )
    made.append((accept(answered), Dates(sent=9, asked=7, answered=5, triaged=2)))

    programmes = {k: _programme(k) for k in ("one_to_one", "group", "specialist", "diversionary")}

    def allocate(referral: Referral, kind: str, who: User, review: date) -> Intervention:
        made = intervention_allocate(
            by=officer,
            referral=accept(referral),
            allocation=Allocation(
                programme=programmes[kind],
                provider="Northbridge Youth Service" if kind != "specialist" else "Northbridge CAMHS",
                worker=who,
                start_date=start,
                planned_sessions=8,
                review_date=max(review, today),
            ),
        )
        if review < today:
            # Allocated weeks ago in the story, when this review date was still to come;
            # the service takes only one that is.
            Intervention.objects.filter(pk=made.pk).update(review_date=review)
            made.refresh_from_db()
        return made

    mentoring = allocate(
        refer(rest[6], dsl, reasons[6], "urgent"),
        "one_to_one",
        worker,
        end + timedelta(days=21),
    )
    group_a = allocate(
        refer(rest[7], dsl, reasons[7], "soon"),
        "group",
        worker,
        end - timedelta(days=2),
    )
    group_b = allocate(
        refer(rest[8], head, "Drawn into fights after school.", "soon"),
        "group",
        officer,
        end + timedelta(days=14),
    )
    good = allocate(
        refer(improved, dsl, "Low mood and missing school.", "soon"),
        "specialist",
        worker,
        start + timedelta(weeks=3),
    )
    bad = allocate(
        refer(worsened, head, "Missing school, and a knife seen in their bag.", "urgent"),
        "diversionary",
        worker,
        end,
    )
    referral_add_information(
        by=dsl, referral=mentoring.referral, note="Their mother says they now stay out until midnight."
    )

    sessions = 0
    for week, status, note in (
        (1, "attended", "Talked about college options."),
        (2, "attended", "Talked about college options."),
        (3, "did_not_attend", "Not at the usual meeting place; texted to rearrange."),
    ):
        session_record(
            by=worker,
            day=start + timedelta(weeks=week),
            kind=Session.Kind.INDIVIDUAL,
            marks=[Mark(mentoring, status, note)],
        )
        sessions += 1
    seed_session_corrections(worker=worker, intervention=mentoring, start=start)
    sessions += 1  # the corrected one; the withdrawn one no longer counts
    for week in (1, 2):
        session_record(
            by=officer,
            day=start + timedelta(weeks=week),
            kind=Session.Kind.GROUP,
            marks=[Mark(group_a, "attended"), Mark(group_b, "attended" if week == 1 else "cancelled")],
        )
        sessions += 1
    for week in (1, 2, 3, 4):
        session_record(
            by=worker,
            day=start + timedelta(weeks=week),
            kind=Session.Kind.INDIVIDUAL,
            marks=[Mark(good, "attended", "Engaged well.")],
        )
        session_record(
            by=worker,
            day=start + timedelta(weeks=week),
            kind=Session.Kind.INDIVIDUAL,
            marks=[Mark(bad, "did_not_attend" if week > 1 else "attended")],
        )
        sessions += 2
    # The worker's review halfway, so a closed intervention shows a judgement beside the
    # review's figures, as well as the closure's.
    review = intervention_review(
        by=worker,
        intervention=good,
        note="Attending most days again; the first CAMHS appointment was kept.",
        next_review_date=today + timedelta(weeks=4),
        expected_version=good.version,
    )
    # Recorded today, but in the story held on its day, before the closure.
    Measure.objects.filter(pk=review.pk).update(reviewed_on=review.measured_on)
    good.refresh_from_db()
    intervention_close(
        by=worker,
        intervention=good,
        closure=Closure(
            closed_on=end,
            reason="completed",
            outcome_summary="Attending again; CAMHS support in place.",
            specialist_support_received=True,
        ),
        expected_version=good.version,
    )
    intervention_close(
        by=worker,
        intervention=bad,
        closure=Closure(
            closed_on=end,
            reason="disengaged",
            outcome_summary="Stopped coming after the arrest and did not answer the worker; school told.",
        ),
        expected_version=bad.version,
    )
    reviews_due_measure(today=end)
    now = timezone.now()
    opened = (now.date() - start).days
    for n, allocated in enumerate((mentoring, group_a, group_b, good, bad)):
        when = Dates(sent=opened + 12 + 3 * n, triaged=opened + 9 - n % 3, allocated=opened + 2)
        made.append((allocated.referral, when))
    for referral, dates in made:
        backdate(referral, dates, now)
    backdate_draft(draft, now)
    return DemoCasework(
        referrals=Referral.objects.count(),
        interventions=Intervention.objects.count(),
        sessions=sessions,
    )
