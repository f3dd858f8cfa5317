"""Append-only tables, signatures and the hash chain: tampering done with raw SQL is
refused by the database or reported by verify_access_log."""

import uuid
from datetime import timedelta

import pgtrigger
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts.access_log.chain import seal_all, seal_pending, verify_log
from accounts.access_log.db_role import app_role_grants
from accounts.access_log.writing import log_system_access
from accounts.models import AccessLogEntry, AccessLogSeal
from accounts.tasks import seal_access_log_task
from tests.factories import AccessLogEntryFactory, BreakGlassFactory, PersonFactory

pytestmark = pytest.mark.django_db

LOG_TABLES = ["accounts_accesslogentry", "accounts_accesslogsubject", "accounts_accesslogseal"]
ROW_TRIGGERS = (
    "accounts.AccessLogEntry:entry_append_only",
    "accounts.AccessLogSubject:subject_append_only",
    "accounts.AccessLogSeal:seal_append_only",
)


def sql(statement: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def tamper(statement: str, params: list | None = None) -> None:
    """What someone with the trigger escape (or the owner role) could do."""
    with pgtrigger.ignore(*ROW_TRIGGERS):
        sql(statement, params)


def verify(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_access_log", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sealed_log():
    people = PersonFactory.create_batch(2)
    entries = [AccessLogEntryFactory(persons=people[: i % 2 + 1]) for i in range(4)]
    seal_all()
    return entries


@pytest.mark.parametrize("table", [*LOG_TABLES, "accounts_changelogentry"])
@pytest.mark.parametrize(
    "statement", ["UPDATE {t} SET {pk} = {pk}", "DELETE FROM {t}", "TRUNCATE {t} CASCADE"]
)
def test_the_database_refuses_to_change_log_rows(sealed_log, table, statement):
    BreakGlassFactory()  # a change-log row, written by django-auditlog
    pk = "seq" if table == "accounts_accesslogseal" else "id"
    sql("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses to run with deferred checks pending
    with pytest.raises(DatabaseError, match="pgtrigger: Cannot"), transaction.atomic():
        sql(statement.format(t=table, pk=pk))


def test_an_intact_log_verifies_and_prints_its_head(sealed_log):
    out = verify()
    head = AccessLogSeal.objects.order_by("-seq").first()
    assert f"Chain head: 4:{head.chain_hash}" in out
    assert "verified" in out
    assert [s.entry_id for s in AccessLogSeal.objects.order_by("seq")] == sorted(e.pk for e in sealed_log)


def test_sealing_is_incremental_and_runs_as_a_task(sealed_log):
    AccessLogEntryFactory()
    assert seal_access_log_task() == 1
    assert seal_all() == 0
    assert list(AccessLogSeal.objects.values_list("seq", flat=True)) == [1, 2, 3, 4, 5]


def test_an_altered_entry_is_reported(sealed_log):
    target = sealed_log[1]
    tamper(
        "UPDATE accounts_accesslogentry SET actor_label = 'someone.else@example.org' WHERE id = %s",
        [target.pk],
    )
    with pytest.raises(CommandError, match=f"entry {target.pk}: entry signature is wrong"):
        verify()


def test_a_subject_moved_to_another_child_is_reported(sealed_log):
    other = PersonFactory()
    target = sealed_log[0]
    tamper("UPDATE accounts_accesslogsubject SET person_id = %s WHERE entry_id = %s", [other.pk, target.pk])
    with pytest.raises(CommandError, match=f"entry {target.pk}"):
        verify()


def test_a_removed_entry_breaks_the_chain(sealed_log):
    target = sealed_log[1]
    for table, column in [
        ("accounts_accesslogsubject", "entry_id"),
        ("accounts_accesslogseal", "entry_id"),
        ("accounts_accesslogentry", "id"),
    ]:
        tamper(f"DELETE FROM {table} WHERE {column} = %s", [target.pk])
    with pytest.raises(CommandError, match="link 3: links 2 to 2 are missing"):
        verify()


def test_a_forged_entry_is_reported():
    AccessLogEntryFactory()
    sql(
        "INSERT INTO accounts_accesslogentry (at, actor_label, kind, route, path, detail, signature) "
        "VALUES (now(), 'forger@example.org', 'view', 'x', '/x/', '{}', %s) RETURNING id",
        ["f" * 64],
    )
    forged = AccessLogEntry.objects.get(actor_label="forger@example.org")
    with pytest.raises(CommandError, match=f"entry {forged.pk}: entry signature is wrong"):
        verify()


def test_a_forged_link_is_reported(sealed_log):
    pending = AccessLogEntryFactory()
    head = AccessLogSeal.objects.order_by("-seq").first()
    sql(
        "INSERT INTO accounts_accesslogseal (seq, entry_id, prev_hash, chain_hash, sealed_at) "
        "VALUES (5, %s, %s, %s, now())",
        [pending.pk, head.chain_hash, "0" * 64],
    )
    with pytest.raises(CommandError, match="link 5, entry .*: link hash is wrong"):
        verify()


def test_an_entry_slipped_in_behind_the_chain_head_is_reported(sealed_log):
    late = AccessLogEntryFactory(at=timezone.now() - timedelta(days=2))
    with pytest.raises(CommandError, match=f"entry {late.pk}: .*inserted out of order"):
        verify()


def test_removing_the_newest_entries_is_caught_against_a_recorded_head(sealed_log):
    head = AccessLogSeal.objects.order_by("-seq").first()
    recorded = f"{head.seq}:{head.chain_hash}"
    for table, column in [
        ("accounts_accesslogsubject", "entry_id"),
        ("accounts_accesslogseal", "entry_id"),
        ("accounts_accesslogentry", "id"),
    ]:
        tamper(f"DELETE FROM {table} WHERE {column} = %s", [head.entry_id])

    assert "verified" in verify()  # without the recorded head, a shorter chain looks whole
    with pytest.raises(CommandError, match="recorded head link 4 is gone"):
        verify("--head", recorded)


def test_entries_signed_with_another_key_do_not_verify(sealed_log, settings):
    settings.ACCESS_LOG_HMAC_KEY = "a-different-key-than-the-one-that-signed"
    result = verify_log()
    assert not result.ok
    assert result.problems[0].seq == 1


def test_the_application_role_can_write_entries_but_not_change_them_or_disable_triggers(sealed_log):
    role = f"safe_app_test_{uuid.uuid4().hex[:8]}"
    sql(f'CREATE ROLE "{role}" NOLOGIN')
    for statement in app_role_grants(role):
        sql(statement)
    person = PersonFactory()
    sql(f'SET LOCAL ROLE "{role}"')

    entry = log_system_access(actor_label="system:test", kind="view", person_ids=[person.pk], route="r")
    assert entry.pk
    forbidden = [
        "UPDATE accounts_accesslogentry SET actor_label = 'x'",
        "DELETE FROM accounts_accesslogsubject",
        "TRUNCATE accounts_accesslogseal",
        "ALTER TABLE accounts_accesslogentry DISABLE TRIGGER ALL",
        "SET LOCAL session_replication_role = replica",
    ]
    for statement in forbidden:
        with pytest.raises(DatabaseError, match="permission denied|must be owner"), transaction.atomic():
            sql(statement)
    # pgtrigger's escape is a session setting anyone may set; the missing privilege still holds.
    with (
        pgtrigger.ignore(*ROW_TRIGGERS),
        pytest.raises(DatabaseError, match="permission denied"),
        transaction.atomic(),
    ):
        sql("DELETE FROM accounts_accesslogentry")
    sql("RESET ROLE")


def test_a_backlog_older_than_the_lookback_is_sealed_in_full():
    """If the sealer was down for an hour, every entry written meanwhile is still chained."""
    now = timezone.now()
    entries = [AccessLogEntryFactory(at=now - timedelta(minutes=m)) for m in (60, 45, 30, 15, 0)]
    while seal_pending(batch=2):
        pass
    assert [s.entry_id for s in AccessLogSeal.objects.order_by("seq")] == [e.pk for e in entries]
    assert verify_log().ok
