"""Pressing "Show the group" without choosing a programme reloaded the same page without
a word: a screen-reader or keyboard user heard nothing happen. It now says what to do,
in the GOV.UK error pattern."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate
from tests.portal.page_structure import page_structure

pytestmark = pytest.mark.django_db


def test_showing_the_group_without_a_programme_says_to_choose_one(client):
    worker = user_with_role(Role.INTERVENTION_WORKER)
    allocate(worker=worker, kind="group")
    client.force_login(worker)
    url = reverse("interventions:group_session")

    assert "There is a problem" not in client.get(url).content.decode()
    page = page_structure(client.get(url, {"programme": ""}).content.decode())

    assert page.summary_links == ["programme"]
    assert not page.error_problems()
    assert [" ".join(m["words"].split()) for m in page.error_messages] == ["Error: Choose a programme"]


def test_only_programmes_delivered_in_groups_are_offered(client):
    """A worker with one-to-one mentoring and group work was offered both for a group
    session; a mentoring session is one young person's, so only group work is offered."""
    worker = user_with_role(Role.INTERVENTION_WORKER)
    group = allocate(worker=worker, kind="group")
    mentoring = allocate(worker=worker, kind="one_to_one")
    client.force_login(worker)
    url = reverse("interventions:group_session")

    html = client.get(url).content.decode()

    assert f'value="{group.programme_id}"' in html
    assert mentoring.programme.name not in html
    assert client.get(url, {"programme": mentoring.programme_id}).status_code == 404
