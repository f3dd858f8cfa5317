"""The young-people endpoints: the pages' rules from the same access layer, each
response logged naming exactly the young people in it."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.access import RESTRICTED_NOTICE
from accounts.models import AccessLogEntry, BreakGlass
from accounts.roles import Role
from chronology.models import Feed, Sensitivity
from tests.api.conftest import client_for
from tests.factories import (
    EnrolmentFactory,
    EventFactory,
    FamilyMemberFactory,
    FeedFactory,
    SchoolFactory,
)
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db
Kind = AccessLogEntry.Kind
LIST = "/api/v1/young-people/"


def named(entry: AccessLogEntry) -> set[int]:
    return set(entry.subjects.values_list("person_id", flat=True))


def only_entry(user) -> AccessLogEntry:
    [entry] = AccessLogEntry.objects.filter(actor=user)
    return entry


def test_the_list_is_my_schools_pupils_and_names_each_of_them_in_one_entry():
    school = SchoolFactory()
    pupils = [EnrolmentFactory(school=school, year_group="9").person for _ in range(3)]
    EnrolmentFactory()
    head = school_staff(Role.HEAD_TEACHER, school)
    body = client_for(head).get(LIST).json()
    assert body["count"] == 3
    assert {p["id"] for p in body["results"]} == {p.pk for p in pupils}
    assert body["results"][0]["current_enrolment"]["school"]["id"] == school.pk
    assert "break_glass_candidates" not in body
    entry = only_entry(head)
    assert (entry.kind, named(entry)) == (Kind.LIST, {p.pk for p in pupils})


def test_a_page_names_only_the_people_on_it_and_page_size_is_capped_at_200():
    school = SchoolFactory()
    for _ in range(3):
        EnrolmentFactory(school=school)
    head = school_staff(Role.HEAD_TEACHER, school)
    client = client_for(head)
    body = client.get(LIST, {"page_size": 2, "page": 2}).json()
    assert len(body["results"]) == 1
    assert body["previous"] is not None
    assert named(only_entry(head)) == {body["results"][0]["id"]}
    assert client.get(LIST, {"page_size": 1000}).status_code == 200
    assert client.get(LIST, {"page": 99}).status_code == 404


def test_pages_follow_name_order_and_the_matches_are_read_once_not_counted_again():
    school = SchoolFactory()
    for surname in ("Crane", "Abbot", "Bell"):
        EnrolmentFactory(school=school, person__surname=surname)
    client = client_for(school_staff(Role.HEAD_TEACHER, school))
    with CaptureQueriesContext(connection) as queries:
        first = client.get(LIST, {"page_size": 2}).json()
    second = client.get(LIST, {"page_size": 2, "page": 2}).json()
    assert [p["surname"] for p in first["results"] + second["results"]] == ["Abbot", "Bell", "Crane"]
    assert (first["count"], second["count"]) == (3, 3)
    assert first["next"] is not None
    assert second["next"] is None
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]


def test_filters_narrow_my_scope_and_bad_filters_are_400_with_field_errors():
    school, other = SchoolFactory(), SchoolFactory()
    year9 = EnrolmentFactory(school=school, year_group="9", person__surname="Zebedee").person
    EnrolmentFactory(school=school, year_group="10")
    outsider = EnrolmentFactory(school=other, year_group="9", person__surname="Zebedee").person
    head = school_staff(Role.HEAD_TEACHER, school)
    client = client_for(head)
    assert [p["id"] for p in client.get(LIST, {"year_group": "9"}).json()["results"]] == [year9.pk]
    assert [p["id"] for p in client.get(LIST, {"q": "zebedee"}).json()["results"]] == [year9.pk]
    assert [p["id"] for p in client.get(LIST, {"q": year9.upn}).json()["results"]] == [year9.pk]
    assert client.get(LIST, {"school": school.pk}).json()["count"] == 2
    refused = client.get(LIST, {"school": other.pk})
    assert refused.status_code == 400
    assert "school" in refused.json()["errors"]
    assert client.get(LIST, {"q": "a\x00b"}).status_code == 400
    assert client.get(LIST, {"q": "x" * 500}).status_code == 400
    # "Y9" matched nobody: an empty list read as "no pupils in year 9", where flags/ said 400.
    assert list(client.get(LIST, {"year_group": "Y9"}).json().get("errors", {})) == ["year_group"]
    assert outsider.pk not in {p for e in AccessLogEntry.objects.all() for p in named(e)}


def test_the_list_costs_the_same_queries_however_long_the_page():
    def queries_for(pupils: int) -> int:
        school = SchoolFactory()
        for _ in range(pupils):
            EnrolmentFactory(school=school)
        client = client_for(school_staff(Role.DSL, school))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST, {"page_size": 200}).status_code == 200
        return len(queries)

    assert queries_for(2) == queries_for(25)


def test_a_taskforce_search_offers_break_glass_candidates_and_logs_them():
    pupil = EnrolmentFactory(person__surname="Quennell").person
    officer = user_with_role(Role.TASKFORCE)
    body = client_for(officer).get(LIST, {"q": "Quennell"}).json()
    assert body["results"] == []
    [candidate] = body["break_glass_candidates"]
    assert set(candidate) == {"id", "forename", "surname", "date_of_birth", "school"}
    entry = only_entry(officer)
    assert (entry.kind, named(entry)) == (Kind.SEARCH, {pupil.pk})


@pytest.mark.parametrize("role", [Role.IG_OFFICER, Role.DATA_OFFICER, Role.ADMINISTRATOR])
def test_roles_without_records_get_403(role):
    assert client_for(user_with_role(role)).get(LIST).status_code == 403


@pytest.fixture
def pupil_with_events():
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school, year_group="8").person
    feed = FeedFactory(code=Feed.Code.ATTENDANCE, default_sensitivity=Sensitivity.EDUCATION)
    EventFactory(person=pupil, feed=feed, category="attendance_threshold", summary="Attendance 82% this term",
                 occurred_on=date(2026, 10, 1))  # fmt: skip
    EventFactory(person=pupil, feed=FeedFactory(code=Feed.Code.EARLY_HELP), sensitivity=Sensitivity.PARTNER,
                 category="early_help", summary="Early help assessment opened",
                 occurred_on=date(2026, 9, 14))  # fmt: skip
    EventFactory(person=pupil, feed=FeedFactory(code=Feed.Code.POLICE_INTELLIGENCE),
                 sensitivity=Sensitivity.RESTRICTED, category="police_intelligence",
                 summary="Seen with older males linked to county lines",
                 occurred_on=date(2026, 7, 23))  # fmt: skip
    return school, pupil


def _record(client, pupil) -> bytes:
    detail = client.get(f"{LIST}{pupil.pk}/")
    chronology = client.get(f"{LIST}{pupil.pk}/chronology/")
    assert (detail.status_code, chronology.status_code) == (200, 200)
    return detail.content + chronology.content


def test_a_head_teacher_sees_only_the_restricted_line_never_its_text_category_or_date(pupil_with_events):
    school, pupil = pupil_with_events
    head = school_staff(Role.HEAD_TEACHER, school)
    body = _record(client_for(head), pupil)
    assert RESTRICTED_NOTICE.encode() in body
    for hidden in (b"county lines", b"police_intelligence", b"Police intelligence", b"2026-07-23"):
        assert hidden not in body
    assert b"Early help assessment opened" not in body
    assert b"2026-09-14" in body
    assert b"Attendance 82% this term" in body


def test_a_dsl_sees_partner_detail_and_restricted_category_and_date(pupil_with_events):
    school, pupil = pupil_with_events
    dsl = school_staff(Role.DSL, school)
    client = client_for(dsl)
    body = _record(client, pupil)
    assert b"Early help assessment opened" in body
    assert b"county lines" not in body
    chronology = client.get(f"{LIST}{pupil.pk}/chronology/").json()
    assert chronology["hidden_tiers"] == ["restricted"], "codes, as feeds/ gives default_sensitivity"
    rows = {r["category"]: r for r in chronology["results"]}
    restricted = rows["police_intelligence"]
    assert (restricted["detail"], restricted["summary"], restricted["source"]) == (
        "category_and_date",
        None,
        None,
    )
    assert rows["early_help"]["detail"] == "full"


def test_the_chronology_is_paginated_newest_first_and_filtered(pupil_with_events):
    school, pupil = pupil_with_events
    client = client_for(school_staff(Role.DSL, school))
    url = f"{LIST}{pupil.pk}/chronology/"
    events = {"category": ["attendance_threshold", "early_help", "police_intelligence"]}
    first = client.get(url, {**events, "page_size": 2}).json()
    assert first["count"] == 3
    assert [r["occurred_on"] for r in first["results"]] == ["2026-10-01", "2026-09-14"]
    last = client.get(url, {**events, "page_size": 2, "page": 2}).json()
    assert [r["occurred_on"] for r in last["results"]] == ["2026-07-23"]
    oldest = client.get(url, {**events, "order": "oldest"}).json()["results"]
    assert oldest[0]["occurred_on"] == "2026-07-23"
    assert client.get(url, {"category": "early_help"}).json()["count"] == 1
    in_september = {**events, "date_from": "2026-09-01", "date_to": "2026-09-30"}
    assert client.get(url, in_september).json()["count"] == 1
    assert client.get(url, {"q": "assessment opened"}).json()["count"] == 1
    # The same words as on the page find the same entries, however they are spaced.
    assert client.get(url, {"q": " assessment   opened "}).json()["count"] == 1
    assert client.get(url, {"q": "x" * 200}).status_code == 200
    # A source or search matches only what the caller sees in full: restricted rows stay hidden.
    assert client.get(url, {"source": "police_intelligence"}).json()["count"] == 0
    assert client.get(url, {"q": "county lines"}).json()["count"] == 0
    assert client.get(url, {"source": "early_help"}).json()["count"] == 1
    assert client.get(url, {"date_from": "2026-10-01", "date_to": "2026-01-01"}).status_code == 400
    assert client.get(url, {"order": "sideways"}).status_code == 400
    assert client.get(url, {"q": "a\x00b"}).status_code == 400
    assert client.get(url, {"page": "-1"}).status_code == 404


@pytest.mark.parametrize("wrong", [{"category": "Early help episode"}, {"source": "Police-intelligence"}])
def test_a_category_or_source_that_is_no_code_is_400_as_on_the_page_not_an_empty_chronology(
    pupil_with_events, wrong
):
    """A label typed for a code matched nothing: "count": 0 read as "no such events"."""
    school, pupil = pupil_with_events
    response = client_for(school_staff(Role.DSL, school)).get(f"{LIST}{pupil.pk}/chronology/", wrong)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == list(wrong)


def test_a_record_outside_my_scope_is_404_and_a_logged_refusal(pupil_with_events):
    _, pupil = pupil_with_events
    stranger = school_staff(Role.HEAD_TEACHER, SchoolFactory())
    client = client_for(stranger)
    for suffix in ("", "chronology/"):
        assert client.get(f"{LIST}{pupil.pk}/{suffix}").status_code == 404
    entries = AccessLogEntry.objects.filter(actor=stranger)
    assert [e.kind for e in entries] == [Kind.DENIED, Kind.DENIED]
    assert all(e.detail["requested_person_id"] == pupil.pk for e in entries)
    assert client.get(f"{LIST}{10**17}/").status_code == 404
    assert client.get(f"{LIST}{10**30}/").status_code == 404


def test_the_detail_names_the_relatives_it_names(pupil_with_events):
    school, pupil = pupil_with_events
    member = FamilyMemberFactory(person=pupil)
    sibling = EnrolmentFactory(school=school).person
    FamilyMemberFactory(person=sibling, family=member.family, relationship="sibling")
    dsl = school_staff(Role.DSL, school)
    body = client_for(dsl).get(f"{LIST}{pupil.pk}/").json()
    assert [r["name"] for r in body["family"]] == [sibling.full_name]
    assert named(only_entry(dsl)) == {pupil.pk, sibling.pk}


def test_break_glass_opens_a_record_for_the_taskforce_as_the_page_does(pupil_with_events):
    _, pupil = pupil_with_events
    officer = user_with_role(Role.TASKFORCE)
    client = client_for(officer)
    url = f"{LIST}{pupil.pk}/break-glass/"
    assert client.get(f"{LIST}{pupil.pk}/").status_code == 404
    short = client.post(url, {"reason": "because"}, format="json")
    assert short.status_code == 400
    assert "reason" in short.json()["errors"]
    opened = client.post(
        url, {"reason": "Police call about an immediate safeguarding concern"}, format="json"
    )
    assert opened.status_code == 201
    assert opened["Location"].endswith(f"{LIST}{pupil.pk}/")
    assert b"county lines" in _record(client, pupil)
    viewed = AccessLogEntry.objects.filter(actor=officer, kind=Kind.VIEW).exclude(break_glass=None)
    assert viewed.count() == 3
    assert (
        client_for(school_staff(Role.DSL, SchoolFactory())).post(url, {"reason": "x" * 30}).status_code == 403
    )


def test_a_break_glass_record_expires(pupil_with_events):

    _, pupil = pupil_with_events
    officer = user_with_role(Role.TASKFORCE)
    client = client_for(officer)
    client.post(f"{LIST}{pupil.pk}/break-glass/", {"reason": "Police call about an immediate concern now"})
    BreakGlass.objects.filter(user=officer).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"{LIST}{pupil.pk}/").status_code == 404
