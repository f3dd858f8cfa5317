"""A field a write endpoint does not take is a 400 naming it: DRF ignores it, so a
session sent with `young_person` (a field of the answer's attendance) naming another
child was recorded for the intervention's own young person, and said 201."""

from datetime import date

import pytest
from drf_spectacular.generators import SchemaGenerator

from interventions.models import Referral, Session
from tests.api.conftest import client_for
from tests.api.referrals import LIST, body, url
from tests.factories.interventions import allocate, record_session

pytestmark = pytest.mark.django_db


def test_a_mark_naming_a_young_person_is_refused_and_records_nothing():
    intervention = allocate()
    client = client_for(intervention.worker)
    answer = client.post(
        f"/api/v1/interventions/{intervention.pk}/sessions/",
        {
            "date": date.today().isoformat(),
            "attendance": [{"young_person": 99999999999999999999, "status": "attended"}],
        },
        format="json",
    )
    assert answer.status_code == 400
    mark = answer.json()["errors"]["attendance"]["0"]
    assert list(mark) == ["young_person"]
    assert "`intervention`" in mark["young_person"][0], "says how a mark names its young person"
    assert not Session.objects.exists()


def test_a_field_not_taken_is_named_beside_the_other_errors():
    intervention = allocate()
    session = record_session(intervention)
    answer = client_for(intervention.worker).patch(
        f"/api/v1/interventions/{intervention.pk}/sessions/{session.pk}/",
        {"version": session.version, "reason": "", "recorded_by": 7},
        format="json",
    )
    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == {"reason", "recorded_by"}
    assert answer.json()["errors"]["recorded_by"] == [
        "Not a field this takes: it takes version, reason, date, kind, attendance."
    ]


def test_a_draft_cannot_seem_to_change_its_young_person(school_world):
    _, pupil, dsl, _ = school_world
    client = client_for(dsl)
    draft = client.post(LIST, {**body(), "young_person": pupil.pk}, format="json").json()
    answer = client.put(
        url(Referral.objects.get(pk=draft["id"])),
        {**body(reason="Someone else"), "version": draft["version"], "young_person": pupil.pk + 1},
        format="json",
    )
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == ["young_person"]
    assert Referral.objects.get(pk=draft["id"]).reason == body()["reason"]


def test_the_description_says_request_bodies_take_no_other_fields():
    schemas = SchemaGenerator(patterns=None).get_schema(request=None, public=True)["components"]["schemas"]
    for name in ("SessionRecordRequest", "MarkRequest", "ReferralUpdateRequest", "AllocationRequest"):
        assert schemas[name]["additionalProperties"] is False, name
