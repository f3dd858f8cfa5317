"""Long free text: the limit is stated before anyone types (GOV.UK's character count,
a hint without JavaScript), the browser is not told to cut a paste short (maxlength),
and a text over the limit comes back whole with how far over it is."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.interventions import allocate, record_session

pytestmark = pytest.mark.django_db


def _textareas(page: str) -> list[str]:
    return re.findall(r"<textarea[^>]*>", page)


def test_the_closing_summary_states_its_limit_and_an_overlong_one_comes_back_whole(client):
    intervention = allocate()
    client.force_login(intervention.worker)
    url = reverse("interventions:close", args=[intervention.pk])

    form = client.get(url).content.decode()
    assert "You can enter up to 2,000 characters" in form
    assert 'data-module="govuk-character-count" data-maxlength="2000"' in form
    assert not [tag for tag in _textareas(form) if "maxlength" in tag]

    summary = "He is back at school most days. " * 76  # 2,432 characters
    response = client.post(
        url,
        {
            "version": intervention.version,
            "closed_on": timezone.localdate().isoformat(),
            "reason": "completed",
            "outcome_summary": summary,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Keep this to 2,000 characters or fewer: it has 2,431, which is 431 too many" in page
    assert summary.strip() in page


def test_a_session_reason_states_its_limit_without_cutting_a_paste(client):
    intervention = allocate()
    session = record_session(intervention)
    client.force_login(intervention.worker)
    url = reverse("interventions:session_withdraw", args=[intervention.pk, session.pk])

    page = client.get(url).content.decode()
    assert "You can enter up to 500 characters" in page
    assert not [tag for tag in _textareas(page) if "maxlength" in tag]
    refused = client.post(url, {"version": session.version, "reason": "r" * 530}).content.decode()
    assert "it has 530, which is 30 too many" in refused
    assert "r" * 530 in refused


def test_a_group_sessions_notes_state_their_limit_and_an_overlong_one_comes_back_whole(client):
    """A note input carried maxlength="500": a pasted note was cut short without a word."""
    intervention = allocate(kind="group")
    client.force_login(intervention.worker)
    url = reverse("interventions:group_session") + f"?programme={intervention.programme_id}"

    form = client.get(url).content.decode()
    assert "Note about this young person (up to 500 characters)" in form
    assert "maxlength" not in form

    note = "Talked about the park after the session. " * 14 + "Then left."  # 584 characters
    response = client.post(
        url,
        {
            "date": timezone.localdate().isoformat(),
            f"status_{intervention.pk}": "attended",
            f"note_{intervention.pk}": note,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Keep this to 500 characters or fewer: it has 584, which is 84 too many" in page
    assert f'value="{note}"' in page
