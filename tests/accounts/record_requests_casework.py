"""How to open, successfully, each view of trigger points, referrals and interventions.
Part of the URL walk's register (record_views.py)."""

from collections.abc import Callable

from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.accounts.record_request import Kind, RecordRequest
from tests.factories import (
    EnrolmentFactory,
    SchoolFactory,
)
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagFactory


def _flagged_pupil():
    pupil = EnrolmentFactory(person__forename="Walkabout", person__surname="Childname").person
    return FlagFactory(person=pupil, review="pending")


def _flag_review_queue() -> RecordRequest:
    flag = _flagged_pupil()
    return RecordRequest(
        user_with_role(Role.TASKFORCE), reverse("risk:review_queue"), {flag.person_id}, Kind.LIST
    )


def _flag_dismiss() -> RecordRequest:
    flag = _flagged_pupil()
    url = reverse("risk:flag_dismiss", args=[flag.pk])
    return RecordRequest(user_with_role(Role.TASKFORCE), url, {flag.person_id}, Kind.VIEW)


def _referral(status: str = "sent") -> tuple[User, object]:
    from tests.factories.interventions import make_referral

    enrolment = EnrolmentFactory(person__forename="Walkabout", person__surname="Childname")
    dsl = school_staff(Role.DSL, enrolment.school)
    return dsl, make_referral(person=enrolment.person, by=dsl, status=status)


def _referral_page(
    name: str, status: str = "sent", *, as_officer: bool = False
) -> Callable[[], RecordRequest]:
    def case() -> RecordRequest:
        dsl, referral = _referral(status)
        user = user_with_role(Role.TASKFORCE) if as_officer else dsl
        return RecordRequest(user, reverse(name, args=[referral.pk]), {referral.young_person_id}, Kind.VIEW)

    return case


def _referral_list() -> RecordRequest:
    dsl, referral = _referral()
    return RecordRequest(dsl, reverse("referrals:list"), {referral.young_person_id}, Kind.LIST)


def _referral_new() -> RecordRequest:
    pupil = EnrolmentFactory(person__forename="Walkabout", person__surname="Childname")
    dsl = school_staff(Role.DSL, pupil.school)
    return RecordRequest(dsl, reverse("referrals:new", args=[pupil.person_id]), {pupil.person_id}, Kind.VIEW)


def _queue() -> RecordRequest:
    _, sent = _referral()
    _, accepted = _referral("accepted")
    people = {sent.young_person_id, accepted.young_person_id}
    return RecordRequest(user_with_role(Role.TASKFORCE), reverse("referrals:queue"), people, Kind.LIST)


def _intervention(kind: str = "one_to_one") -> object:
    from tests.factories.interventions import allocate

    _, referral = _referral("accepted")
    return allocate(referral=referral, kind=kind)


def _intervention_page(name: str, *, as_officer: bool = False) -> Callable[[], RecordRequest]:
    def case() -> RecordRequest:
        intervention = _intervention()
        user = user_with_role(Role.TASKFORCE) if as_officer else intervention.worker
        return RecordRequest(
            user, reverse(name, args=[intervention.pk]), {intervention.young_person_id}, Kind.VIEW
        )

    return case


def _session_page(name: str) -> Callable[[], RecordRequest]:
    """A group session of two of the worker's young people: the page names both."""

    def case() -> RecordRequest:
        from interventions.services.sessions import Mark, session_record
        from tests.factories.interventions import allocate

        first = _intervention("group")
        _, referral = _referral("accepted")
        second = allocate(referral=referral, worker=first.worker, kind="group")
        session = session_record(
            by=first.worker,
            day=first.start_date,
            kind="group",
            marks=[Mark(first, "attended"), Mark(second, "did_not_attend")],
        )
        people = {first.young_person_id, second.young_person_id}
        return RecordRequest(first.worker, reverse(name, args=[first.pk, session.pk]), people, Kind.VIEW)

    return case


def _intervention_list() -> RecordRequest:
    intervention = _intervention()
    url = reverse("interventions:list")
    return RecordRequest(intervention.worker, url, {intervention.young_person_id}, Kind.LIST)


def _analysts_csv() -> RecordRequest:
    intervention = _intervention()
    url = reverse("interventions:analysts_csv")
    return RecordRequest(user_with_role(Role.TASKFORCE), url, {intervention.young_person_id}, Kind.EXPORT)


def _group_session() -> RecordRequest:
    intervention = _intervention("group")
    url = reverse("interventions:group_session") + f"?programme={intervention.programme_id}"
    return RecordRequest(intervention.worker, url, {intervention.young_person_id}, Kind.LIST)


def _flagged(url_name: str, kind: str) -> Callable[[], RecordRequest]:
    def build() -> RecordRequest:
        school = SchoolFactory()
        flagged = [EnrolmentFactory(school=school).person for _ in range(2)]
        for pupil in flagged:
            FlagFactory(person=pupil)
        EnrolmentFactory(school=school)
        FlagFactory(person=EnrolmentFactory().person)
        head = school_staff(Role.HEAD_TEACHER, school)
        return RecordRequest(head, reverse(url_name), {p.pk for p in flagged}, kind)

    return build


CASEWORK_VIEWS: dict[str, Callable[[], RecordRequest]] = {
    "risk:review_queue": _flag_review_queue,
    "risk:flag_dismiss": _flag_dismiss,
    "trigger_points:flagged": _flagged("trigger_points:flagged", Kind.LIST),
    "trigger_points:flagged_print": _flagged("trigger_points:flagged_print", Kind.EXPORT),
    "trigger_points:flagged_csv": _flagged("trigger_points:flagged_csv", Kind.EXPORT),
    "api:flag-list": _flagged("api:flag-list", Kind.LIST),
    "referrals:list": _referral_list,
    "referrals:queue": _queue,
    "referrals:new": _referral_new,
    "referrals:detail": _referral_page("referrals:detail"),
    "referrals:edit": _referral_page("referrals:edit", "draft"),
    "referrals:add": _referral_page("referrals:add"),
    "referrals:triage": _referral_page("referrals:triage", as_officer=True),
    "referrals:allocate": _referral_page("referrals:allocate", "accepted", as_officer=True),
    "interventions:list": _intervention_list,
    "interventions:analysts_csv": _analysts_csv,
    "interventions:group_session": _group_session,
    "interventions:detail": _intervention_page("interventions:detail"),
    "interventions:worker": _intervention_page("interventions:worker", as_officer=True),
    "interventions:session": _intervention_page("interventions:session"),
    "interventions:session_detail": _session_page("interventions:session_detail"),
    "interventions:session_withdraw": _session_page("interventions:session_withdraw"),
    "interventions:review": _intervention_page("interventions:review"),
    "interventions:close": _intervention_page("interventions:close"),
}
