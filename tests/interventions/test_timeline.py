"""Referrals, interventions and sessions in the young person's chronology, cut to each
viewer's level by the chronology (partner: the head teacher sees category and date)."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from chronology.timeline import timeline_for
from interventions.models import ReferralEntry, ReferralStatus
from interventions.services.sessions import Mark, session_record
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate, make_referral

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
    assert all(e.url for e in dsl)

    head = _entries(school_staff(Role.HEAD_TEACHER, referral.school), person)
    assert len(head) == len(dsl)
    assert all(e.summary is None for e in head)

    worker = _entries(intervention.worker, person)
    assert {e.category for e in worker} == {e.category for e in dsl}
    assert _entries(user_with_role(Role.IG_OFFICER), person) == []


def test_a_referral_sent_just_after_midnight_in_summer_is_dated_that_day():
    referral = make_referral(status=ReferralStatus.SENT)
    sent = referral.entries.get(action=ReferralEntry.Action.SENT)
    sent.at = datetime.datetime(2025, 5, 31, 23, 30, tzinfo=datetime.UTC)
    sent.save(update_fields=["at"])

    [entry] = [
        e for e in _entries(referral.referred_by, referral.young_person) if e.category == "referral_sent"
    ]

    assert entry.occurred_on == datetime.date(2025, 6, 1)
