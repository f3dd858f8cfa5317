"""An entry whose link was reported as doubtful says so in the chronology, its printout
and its CSV until a data officer decides: a DSL's colleagues reading it for a case
meeting must not take a police incident that may be another child's as settled fact."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chronology.models import Event, LinkDoubt
from tests.chronology.timeline_world import build_world
from tests.csv_download import csv_rows

pytestmark = pytest.mark.django_db

MARK = "Link reported as doubtful on"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world():
    return build_world()


def test_a_reported_entry_is_marked_until_a_data_officer_decides(world):
    event = Event.objects.get(summary=world.texts["own_partner"])
    dsl = _client(world.users["dsl"])
    pages = [
        reverse(name, args=[world.pupil.pk]) for name in ("chronology:timeline", "chronology:timeline_print")
    ]
    assert all(MARK not in dsl.get(url).content.decode() for url in pages)

    dsl.post(
        reverse("chronology:timeline_report", args=[world.pupil.pk, event.pk]), {"note": "Another child"}
    )

    today = f"{MARK} {timezone.localdate():%-d %b %Y}: a data officer has not yet checked it"
    taskforce = _client(world.users["taskforce"])
    for url in pages:
        assert today in taskforce.get(url).content.decode(), url
    export = taskforce.get(reverse("chronology:timeline_csv", args=[world.pupil.pk]))
    rows = {row[4]: row for row in csv_rows(export)}
    assert "Reported as doubtful" in rows[world.texts["own_partner"]][9]

    doubt = LinkDoubt.objects.get()
    _client(world.users["data_officer"]).post(
        reverse("chronology:doubt", args=[doubt.pk]), {"decision": "keep", "note": "Same UPN"}
    )
    assert MARK not in taskforce.get(pages[0]).content.decode()
