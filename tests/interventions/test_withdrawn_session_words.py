"""A withdrawn session (recorded in error) reads as withdrawn in its history and its
attendance table alike, rather than as each young person "attended → not in the
session" beside a table still saying "Attended"; and a correction that changes nothing
says everything that could have been changed, the notes among them."""

import pytest
from django.urls import reverse

from interventions.services.session_corrections import session_withdraw
from tests.factories.interventions import allocate, record_session
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def _url(intervention, session) -> str:
    return reverse("interventions:session_detail", args=[intervention.pk, session.pk])


def test_a_withdrawn_sessions_history_and_table_say_it_was_withdrawn(client):
    intervention = allocate()
    session = record_session(intervention, note="Talked about football")
    session_withdraw(by=intervention.worker, session=session, reason="Recorded twice", expected_version=1)
    client.force_login(intervention.worker)

    text = " ".join(page_text(client.get(_url(intervention, session))).split())

    name = intervention.young_person.full_name
    assert "not in the session" not in text
    assert f"{name} Attended (withdrawn: not counted) Talked about football" in text
    history = "Withdrawn: recorded in error Session withdrawn: it no longer counts for anyone in it"
    assert f"{history} Recorded twice" in text


def test_nothing_changed_names_the_note_among_what_can_change(client):
    intervention = allocate()
    session = record_session(intervention, note="Talked about football")
    client.force_login(intervention.worker)

    response = client.post(
        _url(intervention, session),
        {
            "version": 1,
            "date": session.date.isoformat(),
            "kind": session.kind,
            f"status_{intervention.pk}": "attended",
            f"note_{intervention.pk}": "Talked about football",
            "reason": "Check",
        },
    )

    assert "Nothing was changed: change the date, the kind, someone&#x27;s attendance or a note" in (
        response.content.decode()
    )
