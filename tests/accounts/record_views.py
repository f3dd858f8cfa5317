"""Every URL, classified. A view marked @shows_records needs an entry in RECORD_VIEWS
saying how to open it successfully and what its log entry must name; any other view
must be listed in NON_RECORD_VIEWS. test_access_log_url_walk fails for a URL in
neither, so a new page cannot be added without deciding whether it shows records."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from accounts.models import AccessLogEntry, User
from accounts.roles import Role
from stewardship.services.holds import legal_hold_set
from tests.chronology.timeline_world import build_world
from tests.factories import (
    AccessLogEntryFactory,
    BreakGlassFactory,
    EnrolmentFactory,
    PersonFactory,
    RejectedRowFactory,
    SchoolFactory,
    UserFactory,
    valid_upn,
)
from tests.factories.access import school_staff, user_with_role
from tests.factories.chronology import queued_link_review, reported_link
from tests.factories.risk import FlagFactory

Kind = AccessLogEntry.Kind


@dataclass
class RecordRequest:
    user: User
    url: str
    person_ids: set[int]
    kind: str
    status: int = 200
    """200, 302 for a search that goes straight to the one record it found, 201 for an
    API call that creates something."""
    post: dict | None = None
    """Form data to POST instead of a GET, for a view that shows a record only when asked to act."""


def _ig_with_logged_child() -> tuple[User, object, User]:
    child = PersonFactory(forename="Walkabout", surname="Childname")
    seer = UserFactory(role=Role.DSL)
    AccessLogEntryFactory(actor=seer, persons=[child])
    return UserFactory(role=Role.IG_OFFICER), child, seer


def _entries() -> RecordRequest:
    ig, child, seer = _ig_with_logged_child()
    return RecordRequest(ig, reverse("access_log:entries") + "?person=Childname", {child.pk}, Kind.SEARCH)


def _people() -> RecordRequest:
    ig, child, _ = _ig_with_logged_child()
    return RecordRequest(ig, reverse("access_log:people") + "?name=Walkabout", {child.pk}, Kind.SEARCH)


def _person_history() -> RecordRequest:
    ig, child, _ = _ig_with_logged_child()
    return RecordRequest(ig, reverse("access_log:person_history", args=[child.pk]), {child.pk}, Kind.VIEW)


def _person_history_csv() -> RecordRequest:
    ig, child, _ = _ig_with_logged_child()
    return RecordRequest(
        ig, reverse("access_log:person_history_csv", args=[child.pk]), {child.pk}, Kind.EXPORT
    )


def _user_history() -> RecordRequest:
    ig, child, seer = _ig_with_logged_child()
    return RecordRequest(ig, reverse("access_log:user_history", args=[seer.pk]), {child.pk}, Kind.LIST)


def _break_glass_anomaly() -> tuple[User, object, AccessLogEntry]:
    grant = BreakGlassFactory(person=PersonFactory(forename="Walkabout", surname="Childname"))
    entry = AccessLogEntryFactory(actor=grant.user, persons=[grant.person], break_glass=grant)
    return UserFactory(role=Role.IG_OFFICER), grant.person, entry


def _anomalies() -> RecordRequest:
    ig, child, _ = _break_glass_anomaly()
    return RecordRequest(ig, reverse("access_log:anomalies"), {child.pk}, Kind.LIST)


def _anomaly_review() -> RecordRequest:
    ig, child, entry = _break_glass_anomaly()
    url = reverse("access_log:anomaly_review", args=[f"break_glass:{entry.pk}"])
    return RecordRequest(ig, url, {child.pk}, Kind.VIEW)


def _young_person_list() -> RecordRequest:
    school = SchoolFactory()
    pupils = [EnrolmentFactory(school=school).person for _ in range(3)]
    EnrolmentFactory()
    head = school_staff(Role.HEAD_TEACHER, school)
    return RecordRequest(head, reverse("young_person_list"), {p.pk for p in pupils}, Kind.LIST)


def _young_person_detail() -> RecordRequest:
    pupil = EnrolmentFactory().person
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    return RecordRequest(dsl, reverse("young_person_detail", args=[pupil.pk]), {pupil.pk}, Kind.VIEW)


def _young_person_break_glass() -> RecordRequest:
    pupil = EnrolmentFactory().person
    officer = user_with_role(Role.TASKFORCE)
    return RecordRequest(officer, reverse("young_person_break_glass", args=[pupil.pk]), {pupil.pk}, Kind.VIEW)


def _chronology(name: str, kind: str) -> Callable[[], RecordRequest]:
    """A pupil whose brother's event is in their chronology: the entry names both."""

    def case() -> RecordRequest:
        world = build_world()
        url = reverse(name, args=[world.pupil.pk])
        return RecordRequest(world.users[Role.DSL.value], url, {world.pupil.pk, world.brother.pk}, kind)

    return case


def _timeline_report() -> RecordRequest:
    pupil = EnrolmentFactory().person
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    event, _ = reported_link(pupil, reporter=dsl)
    url = reverse("chronology:timeline_report", args=[pupil.pk, event.pk])
    return RecordRequest(dsl, url, {pupil.pk}, Kind.VIEW)


def _doubt() -> RecordRequest:
    pupil = EnrolmentFactory().person
    _, doubt = reported_link(pupil, reporter=school_staff(Role.DSL, pupil.enrolments.get().school))
    url = reverse("chronology:doubt", args=[doubt.pk])
    return RecordRequest(user_with_role(Role.DATA_OFFICER), url, {pupil.pk}, Kind.VIEW)


def _find_person() -> RecordRequest:
    person, _, _ = queued_link_review(forename="Walkabout", surname="Childname")
    url = reverse("chronology:find_person") + f"?identifier={person.upn}"
    return RecordRequest(user_with_role(Role.DATA_OFFICER), url, {person.pk}, Kind.SEARCH, status=302)


def _review() -> RecordRequest:
    person, review, _ = queued_link_review(forename="Walkabout", surname="Childname")
    url = reverse("chronology:review", args=[review.pk])
    return RecordRequest(user_with_role(Role.DATA_OFFICER), url, {person.pk}, Kind.VIEW)


def _person_records() -> RecordRequest:
    person, _, _ = queued_link_review(forename="Walkabout", surname="Childname")
    url = reverse("chronology:person_records", args=[person.pk])
    return RecordRequest(user_with_role(Role.DATA_OFFICER), url, {person.pk}, Kind.VIEW)


def _run_with_a_rejected_row() -> tuple[User, object, object]:
    """A police import whose one row is rejected; the row carries a person's UPN."""
    person, _, run = queued_link_review(forename="Walkabout", surname="Childname")
    person.upn = valid_upn(99)
    person.save(update_fields=["upn"])
    run.header = ["source_record_id", "upn", "forename", "surname"]
    run.save(update_fields=["header"])
    RejectedRowFactory(run=run, values=["P-9", person.upn, "Walkabout", "Childname"])
    return user_with_role(Role.DATA_OFFICER), person, run


def _run() -> RecordRequest:
    officer, person, run = _run_with_a_rejected_row()
    return RecordRequest(officer, reverse("chronology:run", args=[run.pk]), {person.pk}, Kind.LIST)


def _api_run() -> RecordRequest:
    officer, person, run = _run_with_a_rejected_row()
    return RecordRequest(officer, reverse("api:feed-run-detail", args=[run.pk]), {person.pk}, Kind.LIST)


def _rejected_csv() -> RecordRequest:
    officer, person, run = _run_with_a_rejected_row()
    url = reverse("chronology:rejected_csv", args=[run.pk])
    return RecordRequest(officer, url, {person.pk}, Kind.EXPORT)


def _notifications() -> RecordRequest:
    from accounts.services.notifications import notify

    school = SchoolFactory()
    dsl = school_staff(Role.DSL, school)
    pupil = EnrolmentFactory(school=school, person__forename="Walkabout", person__surname="Childname").person
    notify(users=[dsl], kind="test", title="A pupil gained a trigger point", person=pupil)
    return RecordRequest(dsl, reverse("notifications:list"), {pupil.pk}, Kind.LIST)


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


def _retention() -> RecordRequest:
    ig = user_with_role(Role.IG_OFFICER)
    child = PersonFactory(forename="Walkabout", surname="Childname")
    legal_hold_set(by=ig, person=child, reason="A claim", ends_on=date.today())
    return RecordRequest(ig, reverse("stewardship:retention"), {child.pk}, Kind.LIST)


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


def _api_young_people() -> RecordRequest:
    case = _young_person_list()
    case.url = reverse("api:young-person-list")
    return case


def _api_young_person(name: str) -> Callable[[], RecordRequest]:
    def case() -> RecordRequest:
        pupil = EnrolmentFactory().person
        dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
        return RecordRequest(dsl, reverse(name, args=[pupil.pk]), {pupil.pk}, Kind.VIEW)

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


def _intervention() -> object:
    from tests.factories.interventions import allocate

    _, referral = _referral("accepted")
    return allocate(referral=referral)


def _intervention_page(name: str, *, as_officer: bool = False) -> Callable[[], RecordRequest]:
    def case() -> RecordRequest:
        intervention = _intervention()
        user = user_with_role(Role.TASKFORCE) if as_officer else intervention.worker
        return RecordRequest(
            user, reverse(name, args=[intervention.pk]), {intervention.young_person_id}, Kind.VIEW
        )

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
    intervention = _intervention()
    url = reverse("interventions:group_session") + f"?programme={intervention.programme_id}"
    return RecordRequest(intervention.worker, url, {intervention.young_person_id}, Kind.LIST)


def _api_break_glass() -> RecordRequest:
    case = _young_person_break_glass()
    case.url = reverse("api:young-person-break-glass", args=[next(iter(case.person_ids))])
    case.post = {"reason": "Police call about an immediate safeguarding concern"}
    case.status = 201
    return case


def _api_access_log() -> RecordRequest:
    ig, child, _ = _ig_with_logged_child()
    return RecordRequest(ig, reverse("api:access-log-list") + f"?person={child.pk}", {child.pk}, Kind.SEARCH)


def _api_person_access_log() -> RecordRequest:
    ig, child, _ = _ig_with_logged_child()
    return RecordRequest(ig, reverse("api:person-access-log", args=[child.pk]), {child.pk}, Kind.VIEW)


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


RECORD_VIEWS: dict[str, Callable[[], RecordRequest]] = {
    "risk:review_queue": _flag_review_queue,
    "risk:flag_dismiss": _flag_dismiss,
    "trigger_points:flagged": _flagged("trigger_points:flagged", Kind.LIST),
    "trigger_points:flagged_print": _flagged("trigger_points:flagged_print", Kind.LIST),
    "trigger_points:flagged_csv": _flagged("trigger_points:flagged_csv", Kind.EXPORT),
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
    "interventions:review": _intervention_page("interventions:review"),
    "interventions:close": _intervention_page("interventions:close"),
    "api:young-person-list": _api_young_people,
    "api:young-person-detail": _api_young_person("api:young-person-detail"),
    "api:young-person-chronology": _api_young_person("api:young-person-chronology"),
    "api:young-person-break-glass": _api_break_glass,
    "api:access-log-list": _api_access_log,
    "api:person-access-log": _api_person_access_log,
    "stewardship:retention": _retention,
    "notifications:list": _notifications,
    "chronology:find_person": _find_person,
    "chronology:review": _review,
    "chronology:person_records": _person_records,
    "chronology:run": _run,
    "api:feed-run-detail": _api_run,
    "chronology:rejected_csv": _rejected_csv,
    "young_person_list": _young_person_list,
    "young_person_detail": _young_person_detail,
    "young_person_break_glass": _young_person_break_glass,
    "chronology:timeline": _chronology("chronology:timeline", Kind.VIEW),
    "chronology:timeline_print": _chronology("chronology:timeline_print", Kind.EXPORT),
    "chronology:timeline_csv": _chronology("chronology:timeline_csv", Kind.EXPORT),
    "chronology:timeline_report": _timeline_report,
    "chronology:doubt": _doubt,
    "access_log:entries": _entries,
    "access_log:people": _people,
    "access_log:person_history": _person_history,
    "access_log:person_history_csv": _person_history_csv,
    "access_log:user_history": _user_history,
    "access_log:anomalies": _anomalies,
    "access_log:anomaly_review": _anomaly_review,
}

NON_RECORD_VIEWS: set[str] = {
    "trigger_points:dashboard",
    "trigger_points:city",
    "trigger_points:fairness",
    "trigger_points:needs_assessment_csv",
    "home",
    "privacy",
    "accessibility",
    "login",
    "logout",
    "two_factor:verify",
    "two_factor:set_up",
    "two_factor:backup_codes",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "access_log:index",
    "chronology:index",
    "chronology:upload",
    "chronology:run_again",
    "chronology:register",
    "chronology:register_edit",
    "chronology:review_queue",
    "notifications:read",
    "notifications:settings",
    "risk:flag_confirm",
    "risk:indicators",
    "risk:indicator_new",
    "risk:indicator",
    "risk:indicator_edit",
    "risk:indicator_switch",
    "risk:portal_switch",
    "risk:outcomes",
    "stewardship:health",
    "stewardship:health_feed",
    "stewardship:retention_run",
    "stewardship:hold_new",
    "stewardship:hold_release",
    "referrals:send",
    "interventions:scorecards",
    "interventions:scorecards_csv",
    "api:me",
    "api:schema",
    "api:docs",
    "api:school-list",
    "api_tokens:index",
    "api_tokens:create",
    "api_tokens:service_account",
    "api_tokens:revoke",
    "api:school-detail",
    "api:feed-list",
    "api:feed-run-create",
    "api:feed-run-list",
}

# The Django admin registers no model that holds a child's record
# (test_access_log_url_walk checks the registry), so none of its pages shows one.
NON_RECORD_NAMESPACES: set[str] = {"admin"}
