"""A session recorded through the API answers as every other 201 does: `Location` names
the new session, where the integration reads its `version` before correcting it."""

from datetime import date

import pytest

from tests.api.conftest import client_for
from tests.factories.interventions import allocate

pytestmark = pytest.mark.django_db


def test_a_recorded_session_is_named_in_location_and_can_be_read_there():
    intervention = allocate()
    client = client_for(intervention.worker)
    made = client.post(
        f"/api/v1/interventions/{intervention.pk}/sessions/",
        {"date": date.today().isoformat(), "attendance": [{"status": "attended"}]},
        format="json",
    )
    assert made.status_code == 201
    session = made.json()["id"]
    assert made["Location"] == f"http://testserver/api/v1/interventions/{intervention.pk}/sessions/{session}/"
    read = client.get(made["Location"])
    assert (read.status_code, read.json()["id"]) == (200, session)
    assert read.json()["version"] >= 1
