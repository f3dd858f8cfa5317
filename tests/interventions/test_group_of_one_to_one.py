"""A group session for a programme delivered one to one (mentoring, a specialist
referral, family support) was refused only by the group session page's choices: the API
recorded one, and a correction turned an individual session into one. The services now
refuse it wherever it comes from."""

import pytest
from django.utils import timezone

from interventions.models import Attendance, Session
from interventions.services.errors import Invalid
from interventions.services.session_corrections import Correction, session_correct
from tests.api.conftest import client_for
from tests.factories.interventions import allocate, record_session

pytestmark = pytest.mark.django_db
REFUSED = "is delivered one to one: record an individual session for each young person"


def test_the_api_refuses_a_group_session_of_a_one_to_one_programme():
    mentoring = allocate(kind="one_to_one")
    response = client_for(mentoring.worker).post(
        f"/api/v1/interventions/{mentoring.pk}/sessions/",
        {"date": timezone.localdate().isoformat(), "kind": "group", "attendance": [{"status": "attended"}]},
        format="json",
    )
    assert response.status_code == 400
    assert f"{mentoring.programme.name} {REFUSED}" in str(response.json()["errors"])
    assert not Attendance.objects.exists()


def test_a_correction_does_not_make_a_one_to_one_session_a_group_one():
    mentoring = allocate(kind="one_to_one")
    session = record_session(mentoring)
    with pytest.raises(Invalid, match=REFUSED):
        session_correct(
            by=mentoring.worker,
            session=session,
            correction=Correction(kind=Session.Kind.GROUP),
            reason="It was a group",
            expected_version=session.version,
        )
    session.refresh_from_db()
    assert session.kind == Session.Kind.INDIVIDUAL


def test_a_group_programme_still_takes_group_sessions():
    group = allocate(kind="group")
    response = client_for(group.worker).post(
        f"/api/v1/interventions/{group.pk}/sessions/",
        {"date": timezone.localdate().isoformat(), "kind": "group", "attendance": [{"status": "attended"}]},
        format="json",
    )
    assert response.status_code == 201, response.json()
