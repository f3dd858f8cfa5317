"""The logging mechanism: one entry per view, fail-closed, refusals kept, actor and address."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from accounts.access_log import log_system_access
from accounts.access_log.chain import seal_all, verify_log
from accounts.models import AccessLogEntry
from accounts.roles import Role
from tests.factories import PersonFactory, UserFactory
from tests.factories.access import user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.access_log.urls")]


@pytest.fixture
def officer():
    return UserFactory(role=Role.TASKFORCE)


@pytest.fixture
def signed_in(officer):
    client = Client()
    client.force_login(officer)
    return client


def people_named(entry: AccessLogEntry) -> set[int]:
    return set(entry.subjects.values_list("person_id", flat=True))


def test_a_record_view_writes_one_entry_with_who_what_where(signed_in, officer):
    person = PersonFactory()
    response = signed_in.get(f"/record/{person.pk}/?tab=summary", REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.actor, entry.actor_label, entry.kind) == (officer, officer.email, "view")
    assert entry.route == "test_record"
    assert entry.path == f"/record/{person.pk}/?tab=summary"
    assert entry.remote_addr == "10.1.2.3"
    assert people_named(entry) == {person.pk}
    assert entry.signature


def test_a_list_writes_one_entry_naming_every_record_shown(signed_in):
    people = PersonFactory.create_batch(3)
    assert signed_in.get("/list/").status_code == 200
    entry = AccessLogEntry.objects.get()
    assert entry.kind == "list"
    assert people_named(entry) == {p.pk for p in people}


def test_when_the_entry_cannot_be_written_the_record_is_not_shown(signed_in, monkeypatch):
    person = PersonFactory(forename="Zebedee")

    def broken(**kwargs):
        raise DatabaseError("log table unavailable")

    monkeypatch.setattr("accounts.access_log.writing.write_entry", broken)
    client = signed_in
    client.raise_request_exception = False
    response = client.get(f"/record/{person.pk}/")

    assert response.status_code == 500
    assert b"Zebedee" not in response.content
    assert not AccessLogEntry.objects.exists()


def test_a_view_that_forgets_to_log_cannot_send_the_record(signed_in):
    person = PersonFactory()
    with pytest.raises(ImproperlyConfigured, match="wrote no access-log entry"):
        signed_in.get(f"/forgetful/{person.pk}/")


def test_a_refusal_is_logged_even_though_the_view_rolls_back(signed_in, officer):
    person = PersonFactory()
    assert signed_in.get(f"/refusing/{person.pk}/").status_code == 404
    entry = AccessLogEntry.objects.get()
    assert (entry.kind, entry.actor) == ("denied", officer)
    assert people_named(entry) == {person.pk}
    assert entry.detail["reason"] == "outside scope"


def test_a_refusal_of_someone_who_does_not_exist_names_nobody(signed_in):
    assert signed_in.get("/refusing/999999/").status_code == 404
    entry = AccessLogEntry.objects.get()
    assert entry.kind == "denied"
    assert people_named(entry) == set()
    assert entry.detail["requested_person_id"] == 999999


def test_a_view_that_refuses_without_logging_still_leaves_a_denied_entry(signed_in):
    assert signed_in.get("/refusing-silently/42/").status_code == 404
    entry = AccessLogEntry.objects.get()
    assert entry.kind == "denied"
    assert entry.detail["url_kwargs"] == {"person_id": "42"}


def test_a_client_supplied_forwarded_for_is_ignored_by_default(signed_in):
    person = PersonFactory()
    signed_in.get(f"/record/{person.pk}/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert AccessLogEntry.objects.get().remote_addr == "10.0.0.5"


def test_behind_trusted_proxies_the_client_is_counted_from_the_right(signed_in, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    person = PersonFactory()
    signed_in.get(
        f"/record/{person.pk}/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )
    assert AccessLogEntry.objects.get().remote_addr == "198.51.100.7"


def test_an_api_request_records_the_user_its_token_authenticated():
    user = UserFactory(role=Role.TASKFORCE)
    person = PersonFactory()
    response = Client().get(f"/api/record/{person.pk}/", HTTP_X_TEST_TOKEN=user.email)
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.actor, entry.actor_label, entry.route) == (user, user.email, "test_api_record")


def test_tasks_and_commands_record_their_actor():
    starter = UserFactory(role=Role.DATA_OFFICER)
    person = PersonFactory()
    entry = log_system_access(
        actor=starter, actor_label=starter.email, kind="export", person_ids=[person.pk], route="task:x"
    )
    system = log_system_access(actor_label="system:retention", kind="view", person_ids=[], route="task:y")
    assert (entry.actor, entry.route, people_named(entry)) == (starter, "task:x", {person.pk})
    assert (system.actor, system.actor_label) == (None, "system:retention")


def test_a_refusal_carrying_its_person_is_logged_once_with_them(signed_in):
    person = PersonFactory()
    assert signed_in.get(f"/out-of-scope/{person.pk}/").status_code == 404
    entry = AccessLogEntry.objects.get()
    assert people_named(entry) == {person.pk}
    assert entry.detail["reason"] == "not in your schools"


def test_entries_from_ipv6_clients_verify(signed_in):
    person = PersonFactory()
    signed_in.get(f"/record/{person.pk}/", REMOTE_ADDR="2001:DB8:0:0::1")
    assert AccessLogEntry.objects.get().remote_addr == "2001:db8::1"
    seal_all()
    assert verify_log().ok


def test_a_detail_holding_characters_postgresql_refuses_is_still_written_and_verifies():
    entry = log_system_access(
        actor_label="system:import", kind="view", person_ids=[], route="task:x", detail={"q\x00": ["a\x00b"]}
    )
    entry.refresh_from_db()
    assert entry.detail == {"q\ufffd": ["a\ufffdb"]}
    seal_all()
    assert verify_log().ok


NOT_THEIRS = [Role.IG_OFFICER, Role.ADMINISTRATOR]


@pytest.mark.parametrize(
    ("page", "role"),
    [
        *[("young_person_detail", role) for role in (*NOT_THEIRS, Role.DATA_OFFICER)],
        *[("chronology:timeline", role) for role in (*NOT_THEIRS, Role.DATA_OFFICER)],
        ("chronology:timeline_csv", Role.DATA_OFFICER),
        ("young_person_break_glass", Role.DSL),
        ("chronology:person_records", Role.DSL),
        ("referrals:new", Role.ADMINISTRATOR),
    ],
)
def test_a_role_that_may_not_open_a_childs_record_is_refused_and_logged_naming_them(role, page):
    """As the API logs it: IG's anomalies then show, say, an administrator trying a
    child's record, and "who has seen this child" finds the attempt."""
    child = PersonFactory()
    user = user_with_role(role)
    client = Client()
    client.force_login(user)

    assert client.get(reverse(page, args=[child.pk])).status_code == 403

    [entry] = AccessLogEntry.objects.filter(actor=user)
    assert entry.kind == AccessLogEntry.Kind.DENIED
    assert entry.detail["reason"] == "role may not use this page"
    assert list(entry.subjects.values_list("person_id", flat=True)) == [child.pk]


def test_a_wrong_role_asking_for_an_id_too_large_for_any_record_gets_403_naming_nobody():
    user = user_with_role(Role.IG_OFFICER)
    client = Client()
    client.force_login(user)

    assert client.get(f"/young-people/{10**30}/").status_code in (403, 404)
    assert not AccessLogEntry.objects.filter(actor=user, subjects__isnull=False).exists()


@pytest.mark.parametrize("page", ["access_log:person_history", "access_log:person_history_csv"])
def test_another_role_trying_igs_history_of_a_child_is_logged_once_naming_them(page):
    child = PersonFactory()
    dsl = user_with_role(Role.DSL)
    client = Client()
    client.force_login(dsl)

    assert client.get(reverse(page, args=[child.pk])).status_code == 403

    [entry] = AccessLogEntry.objects.filter(actor=dsl)
    assert entry.kind == AccessLogEntry.Kind.DENIED
    assert list(entry.subjects.values_list("person_id", flat=True)) == [child.pk]
