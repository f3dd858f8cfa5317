"""Referrals, interventions and sessions in the young person's chronology, cut to each
viewer's level by the chronology (partner: the head teacher sees category and date)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from chronology.timeline import timeline_for
from chronology.timeline_sources import SourceQuery
from interventions.models import ReferralStatus
from interventions.services.allocation import Closure, intervention_close
from interventions.services.sessions import Mark, session_record
from interventions.timeline import timeline_rows
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate, make_referral, pupil_and_dsl

pytestmark = pytest.mark.django_db


def _entries(user, person):
    timeline = timeline_for(user, person)
    return [e for e in timeline.hydrate(timeline.entries) if e.key.startswith("interventions:")]


def test_the_journey_appears_in_the_chronology_at_each_viewers_level():
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    make_referral(person=referral.young_person, by=referral.referred_by, status=ReferralStatus.DRAFT)
    intervention = allocate(referral=referral)
    session_record(
        by=intervention.worker,
        day=timezone.localdate(),
        kind="individual",
        marks=[Mark(intervention, "attended", "Talked about college")],
    )
    person = referral.young_person

    dsl = _entries(referral.referred_by, person)
    assert {e.category for e in dsl} == {
        "referral_sent",
        "referral_accepted",
        "intervention_started",
        "intervention_session",
    }
    assert any("Talked about college" in (e.summary or "") for e in dsl)
    sent = next(e.summary for e in dsl if e.category == "referral_sent")
    # Its urgency in words, not "(soon)" alone, which read as a code.
    assert sent == f"Referred to SAFE by {referral.school.name}, marked soon (within 10 working days)"

    head = _entries(school_staff(Role.HEAD_TEACHER, referral.school), person)
    assert len(head) == len(dsl)
    assert all(e.summary is None for e in head)

    worker = _entries(intervention.worker, person)
    assert {e.category for e in worker} == {e.category for e in dsl}
    assert _entries(user_with_role(Role.IG_OFFICER), person) == []


@pytest.mark.parametrize("viewer", ["referrer", "worker", "taskforce"])
def test_every_open_link_in_the_chronology_opens_for_its_viewer(client, viewer):
    """School staff may open referrals but not interventions, a worker their intervention
    but not its referral: a link to a page that refuses them is a dead end."""
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    intervention = allocate(referral=referral)
    session_record(
        by=intervention.worker,
        day=timezone.localdate(),
        kind="individual",
        marks=[Mark(intervention, "attended", "")],
    )
    user = {
        "referrer": referral.referred_by,
        "worker": intervention.worker,
        "taskforce": user_with_role(Role.TASKFORCE),
    }[viewer]
    entries = _entries(user, referral.young_person)
    links = {e.url for e in entries if e.url}
    assert links, "each viewer may open at least one page of the journey"
    client.force_login(user)
    assert {url: client.get(url).status_code for url in links} == dict.fromkeys(links, 200)
    if viewer == "taskforce":
        assert all(e.url for e in entries)


def test_a_referral_sent_just_after_midnight_in_summer_is_dated_that_day_in_london():
    """00:30 on 1 June in London is 23:30 on 31 May in UTC, which the database returns."""
    referral = make_referral()
    sent = datetime.datetime(2026, 6, 1, 0, 30, tzinfo=ZoneInfo("Europe/London"))
    referral.entries.update(at=sent)
    (entry,) = _entries(referral.referred_by, referral.young_person)
    assert entry.occurred_on == datetime.date(2026, 6, 1)


def test_an_intervention_closed_before_it_started_shows_only_its_closure():
    today = timezone.localdate()
    intervention = allocate(start=today + datetime.timedelta(days=14))
    intervention_close(
        by=intervention.worker,
        intervention=intervention,
        closure=Closure(closed_on=today, reason="moved", outcome_summary="Moved to another city."),
        expected_version=intervention.version,
    )
    shown = [
        (e.category, e.occurred_on, e.summary)
        for e in _entries(intervention.referral.referred_by, intervention.young_person)
        if e.category.startswith("intervention")
    ]
    assert shown == [
        ("intervention_closed", today, "One-to-one mentoring closed before it started: moved away")
    ]


def test_a_session_in_the_chronology_opens_that_session_not_its_intervention():
    """Its link reads "Open this intervention session"; the intervention's page lists
    every session, and the one the reader chose was not singled out."""
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    intervention = allocate(referral=referral)
    session = session_record(
        by=intervention.worker,
        day=timezone.localdate(),
        kind="individual",
        marks=[Mark(intervention, "attended", "")],
    )
    (row,) = [
        e
        for e in _entries(intervention.worker, referral.young_person)
        if e.category == "intervention_session"
    ]
    assert row.url == f"/interventions/{intervention.pk}/sessions/{session.pk}/"


@pytest.mark.parametrize("role", [Role.TASKFORCE, Role.DSL])
def test_a_young_person_without_referrals_costs_the_chronology_only_the_three_reads(role):
    """Which rows' pages the viewer may open is asked only when there are rows: most
    young people have no referral, and their chronology and record page read it on
    every view."""
    person, dsl = pupil_and_dsl()
    viewer = user_with_role(Role.TASKFORCE) if role == Role.TASKFORCE else dsl
    with CaptureQueriesContext(connection) as queries:
        rows = timeline_rows(SourceQuery(viewer=viewer, person_ids=frozenset({person.pk})))
    assert rows == []
    assert len(queries) == 3
