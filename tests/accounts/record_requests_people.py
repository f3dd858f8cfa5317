"""How to open, successfully, each view of young people's records and chronologies, of the
data officers' linkage and import pages, and of notifications, pages and API. Part of
the URL walk's register (record_views.py)."""

from collections.abc import Callable

from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from chronology.services.linkage import review_decide
from tests.accounts.record_request import Kind, RecordRequest
from tests.chronology.timeline_world import build_world
from tests.factories import (
    EnrolmentFactory,
    RejectedRowFactory,
    SchoolFactory,
    valid_upn,
)
from tests.factories.access import school_staff, user_with_role
from tests.factories.chronology import queued_link_review, reported_link


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


def _review_queue() -> RecordRequest:
    """The queue lists rows, not people, but says whom a recent decision linked a row to."""
    person, review, _ = queued_link_review(forename="Walkabout", surname="Childname")
    officer = user_with_role(Role.DATA_OFFICER)
    review_decide(by=officer, review=review, action="linked", person=person, note="a typo")
    return RecordRequest(officer, reverse("chronology:review_queue"), {person.pk}, Kind.LIST)


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


def _api_break_glass() -> RecordRequest:
    case = _young_person_break_glass()
    case.url = reverse("api:young-person-break-glass", args=[next(iter(case.person_ids))])
    case.post = {"reason": "Police call about an immediate safeguarding concern"}
    case.status = 201
    return case


PEOPLE_VIEWS: dict[str, Callable[[], RecordRequest]] = {
    "api:young-person-list": _api_young_people,
    "api:young-person-detail": _api_young_person("api:young-person-detail"),
    "api:young-person-chronology": _api_young_person("api:young-person-chronology"),
    "api:young-person-break-glass": _api_break_glass,
    "notifications:list": _notifications,
    "chronology:find_person": _find_person,
    "chronology:review": _review,
    "chronology:review_queue": _review_queue,
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
}
