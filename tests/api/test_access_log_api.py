"""IG's access log through the API, itself logged like IG's pages."""

import pytest

from accounts.models import AccessLogEntry
from accounts.roles import Role
from tests.api.conftest import client_for
from tests.factories import AccessLogEntryFactory, EnrolmentFactory, PersonFactory, UserFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db
Kind = AccessLogEntry.Kind


@pytest.fixture
def logged():
    child, other = PersonFactory(), PersonFactory()
    seer = UserFactory(role=Role.DSL)
    AccessLogEntryFactory(actor=seer, persons=[child], kind=Kind.VIEW)
    AccessLogEntryFactory(actor=UserFactory(role=Role.DSL), persons=[other], kind=Kind.LIST)
    return child, other, seer


def test_ig_searches_entries_by_person_actor_and_kind_and_the_search_is_logged(logged):
    child, other, seer = logged
    ig = user_with_role(Role.IG_OFFICER)
    client = client_for(ig)
    body = client.get("/api/v1/access-log/", {"person": child.pk}).json()
    [entry] = body["results"]
    assert entry["actor"]["email"] == seer.email
    assert entry["people"] == [
        {"id": child.pk, "forename": child.forename, "surname": child.surname,
         "date_of_birth": child.date_of_birth.isoformat(), "upn": child.upn}
    ]  # fmt: skip
    search = AccessLogEntry.objects.get(actor=ig)
    assert search.kind == Kind.SEARCH
    assert set(search.subjects.values_list("person_id", flat=True)) == {child.pk}
    assert client.get("/api/v1/access-log/", {"actor": seer.pk}).json()["count"] == 1
    assert (
        client.get("/api/v1/access-log/", {"kind": "list"}).json()["results"][0]["people"][0]["id"]
        == other.pk
    )
    bad = client.get("/api/v1/access-log/", {"person": "10000000000000000000000", "kind": "nonsense"})
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"person", "kind"}
    assert (
        client.get("/api/v1/access-log/", {"date_from": "2026-02-01", "date_to": "2026-01-01"}).status_code
        == 400
    )


def test_who_has_seen_this_child(logged):
    child, _, seer = logged
    ig = user_with_role(Role.IG_OFFICER)
    body = client_for(ig).get(f"/api/v1/young-people/{child.pk}/access-log/").json()
    assert body["person"]["id"] == child.pk
    assert [e["actor_label"] for e in body["results"]] == [seer.email]
    view = AccessLogEntry.objects.get(actor=ig)
    assert (view.kind, list(view.subjects.values_list("person_id", flat=True))) == (Kind.VIEW, [child.pk])
    assert client_for(ig).get("/api/v1/young-people/999999999/access-log/").status_code == 404


@pytest.mark.parametrize("role", [r for r in Role if r != Role.IG_OFFICER])
def test_only_ig_reads_the_access_log_and_a_refused_look_at_a_child_is_logged(role):
    pupil = EnrolmentFactory().person
    user = (
        school_staff(role, pupil.enrolments.get().school) if role in (Role.DSL, Role.HEAD_TEACHER) else None
    )
    user = user or user_with_role(role)
    client = client_for(user)
    assert client.get("/api/v1/access-log/").status_code == 403
    assert client.get(f"/api/v1/young-people/{pupil.pk}/access-log/").status_code == 403
    denied = AccessLogEntry.objects.get(actor=user)
    assert denied.kind == Kind.DENIED
    assert list(denied.subjects.values_list("person_id", flat=True)) == [pupil.pk]


def test_a_search_shows_no_id_in_a_path_of_a_person_it_does_not_name_and_log():
    """An entry names its first five people by surname; a record's id in its path may be a
    sixth's, which the search neither names nor logs, so it reads {id}."""
    named = [PersonFactory(surname=f"Abbot{n}") for n in range(5)]
    sixth = PersonFactory(surname="Zeal")
    AccessLogEntryFactory(
        actor=UserFactory(role=Role.TASKFORCE),
        persons=[*named, sixth],
        path=f"/young-people/{sixth.pk}/chronology/",
    )
    AccessLogEntryFactory(persons=[named[0]], path=f"/young-people/{named[0].pk}/")
    ig = user_with_role(Role.IG_OFFICER)

    older, newer = reversed(client_for(ig).get("/api/v1/access-log/").json()["results"])

    assert older["more_people"] == 1
    assert sixth.pk not in {p["id"] for p in older["people"]}
    assert older["path"] == "/young-people/{id}/chronology/"
    assert newer["path"] == f"/young-people/{named[0].pk}/"
    logged = AccessLogEntry.objects.get(actor=ig).subjects.values_list("person_id", flat=True)
    assert sixth.pk not in set(logged)
