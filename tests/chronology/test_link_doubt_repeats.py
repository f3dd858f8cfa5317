"""A doubtful link reported twice: the same report sent again (a double click, Back and
send) is the report already made, and two sent at the same moment make one report, not
a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Notification
from accounts.roles import Role
from chronology.models import Event, LinkDoubt
from chronology.services.doubts import link_doubt_report
from tests.chronology.timeline_world import build_world
from tests.concurrency import at_once
from tests.factories.access import user_with_role

NOTE = "Different date of birth"


def _caution(world) -> Event:
    return Event.objects.get(summary=world.texts["own_partner"])


@pytest.mark.django_db
def test_the_same_report_sent_twice_is_one_report_with_its_note_once():
    world = build_world()
    officer = user_with_role(Role.DATA_OFFICER)
    client = Client()
    client.force_login(world.users["dsl"])
    url = reverse("chronology:timeline_report", args=[world.pupil.pk, _caution(world).pk])

    assert client.post(url, {"note": NOTE}).status_code == client.post(url, {"note": NOTE}).status_code == 302

    assert LinkDoubt.objects.get().note == NOTE
    assert Notification.objects.filter(user=officer, kind="link_doubt").count() == 1
    client.post(url, {"note": "And a different school"})
    assert LinkDoubt.objects.get().note == f"{NOTE}\n\nAnd a different school"


@pytest.mark.django_db(transaction=True)
def test_two_reports_at_the_same_moment_make_one():
    world = build_world()
    event, dsl = _caution(world), world.users["dsl"]

    def report(note: str):
        return lambda: link_doubt_report(by=dsl, person=world.pupil, event=event, note=note)

    outcomes = at_once(report(NOTE), report("Lives elsewhere"))

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    doubt = LinkDoubt.objects.get()
    assert sorted(doubt.note.split("\n\n")) == ["Different date of birth", "Lives elsewhere"]
