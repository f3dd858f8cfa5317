"""Walks every URL: each record-showing view writes exactly the expected entry and shows
nothing when its entry cannot be written; every other view is declared as such."""

import pytest
from django.contrib import admin
from django.db import DatabaseError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import AccessLogEntry
from schools.models import Person
from tests.accounts.record_views import NON_RECORD_NAMESPACES, NON_RECORD_VIEWS, RECORD_VIEWS

# Models that hold children's records, or logs that name children. (School, Feed and
# Programme are reference data the admin may manage.)
CHILD_RECORD_MODELS = {
    "schools.person",
    "schools.enrolment",
    "schools.family",
    "schools.familymember",
    "chronology.event",
    "chronology.sourcerecord",
    "chronology.rejectedrow",
    "chronology.linkdoubt",
    "accounts.breakglass",
    "accounts.accesslogentry",
    "accounts.accesslogsubject",
    "accounts.accesslogseal",
    "accounts.changelogentry",
    "accounts.anomalyreview",
}


def walk(patterns=None, namespace: str = ""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern


def qualified(namespace: str, pattern: URLPattern) -> str:
    return f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"


ALL = [(qualified(ns, p), ns, p) for ns, p in walk()]
RECORD = sorted({name for name, _, p in ALL if getattr(p.callback, "shows_records", False)})


def test_every_record_showing_view_has_a_case_in_the_table():
    assert sorted(RECORD_VIEWS) == RECORD, "add the view to tests/accounts/record_views.py"


def test_every_other_view_is_declared_as_showing_no_records():
    undeclared = [
        name
        for name, namespace, pattern in ALL
        if not getattr(pattern.callback, "shows_records", False)
        and name not in NON_RECORD_VIEWS
        and namespace.rstrip(":").split(":")[0] not in NON_RECORD_NAMESPACES
    ]
    assert undeclared == [], "mark these @shows_records, or list them in NON_RECORD_VIEWS"


def test_the_admin_holds_no_child_records_or_logs():
    registered = {m._meta.label_lower for m in admin.site._registry}
    reference_data = {"interventions.programme"}
    exposed = {
        m
        for m in registered
        if m in CHILD_RECORD_MODELS or (m.startswith("interventions.") and m not in reference_data)
    }
    assert exposed == set()


@pytest.mark.django_db
@pytest.mark.parametrize("name", RECORD)
def test_a_successful_view_adds_exactly_the_expected_entry(name):
    case = RECORD_VIEWS[name]()
    before = set(AccessLogEntry.objects.values_list("pk", flat=True))
    client = Client()
    client.force_login(case.user)

    response = case.send(client)

    assert response.status_code == case.status
    new = AccessLogEntry.objects.exclude(pk__in=before)
    assert new.count() == 1
    entry = new.get()
    assert (entry.actor, entry.kind, entry.route) == (case.user, case.kind, name)
    assert set(entry.subjects.values_list("person_id", flat=True)) == case.person_ids


@pytest.mark.django_db
@pytest.mark.parametrize("name", RECORD)
def test_when_the_log_cannot_be_written_no_record_is_shown(name, monkeypatch):
    case = RECORD_VIEWS[name]()
    names = [p.full_name for p in Person.objects.filter(pk__in=case.person_ids)]

    def broken(**kwargs):
        raise DatabaseError("access log unavailable")

    monkeypatch.setattr("accounts.access_log.writing.write_entry", broken)
    client = Client(raise_request_exception=False)
    client.force_login(case.user)

    response = case.send(client)

    assert response.status_code == 500
    body = b"".join(response) if response.streaming else response.content
    for full_name in names:
        assert full_name.encode() not in body
