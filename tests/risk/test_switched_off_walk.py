"""With trigger points switched off for the whole portal, the taskforce's city overview
answered 500: its grouped count compiled the ORM's "nothing" into SQL. Every page and
endpoint every actor may open is walked again with them switched off, so a page landed
later is covered without anyone listing it. A flag's own pages (dismissing one) answer
404 then, as for any flag the viewer does not see: no page offers their links."""

import pytest
from django.urls import reverse

from risk.services.library import flags_switch
from tests.accounts.access_matrix import EXPECTED, URL_KWARGS
from tests.accounts.test_url_access_walk import actors  # noqa: F401 (the walk's world, a fixture)

pytestmark = pytest.mark.django_db
FLAG_PAGES = ("risk:flag_",)


def test_every_page_answers_with_trigger_points_switched_off(actors):  # noqa: F811
    clients, world = actors
    flags_switch(by=None, enabled=False)
    failures = []
    for name, expected in EXPECTED.items():
        url = reverse(name, kwargs={arg: world[key] for arg, key in URL_KWARGS.get(name, {}).items()})
        for actor, status in expected.items():
            if status != 200:
                continue
            try:
                got = clients[actor].get(url).status_code
            except Exception as error:  # noqa: BLE001 (the test client re-raises a view's error)
                got = f"{type(error).__name__}: {error}"
            if got != 200 and not (got == 404 and name.startswith(FLAG_PAGES)):
                failures.append(f"{name} as {actor}: {got}")
    assert not failures, "\n".join(failures)


def test_the_review_queue_and_the_taskforces_home_say_trigger_points_are_off(actors):  # noqa: F811
    """The review queue said "No trigger points are waiting for review" and the home page
    counted 0, while 14 waited to come back when they were switched on again."""
    clients, _ = actors
    flags_switch(by=None, enabled=False)
    queue = clients["taskforce"].get(reverse("risk:review_queue")).content.decode()
    assert "Trigger points are switched off for the whole portal. None wait for review" in queue
    home = clients["taskforce"].get(reverse("home")).content.decode()
    assert "Trigger points are switched off for the whole portal, so none wait for review" in home
    flags_switch(by=None, enabled=True)
    assert "switched off" not in clients["taskforce"].get(reverse("risk:review_queue")).content.decode()


def test_with_trigger_points_off_no_page_shows_counts_as_if_they_were_measured(actors):  # noqa: F811
    """The dashboard read "0 pupils … no change since 1 December" and the fairness page
    "Flagged <5" for every group: figures of nothing computed, read as facts."""
    clients, _ = actors
    flags_switch(by=None, enabled=False)
    dashboard = clients["head_teacher"].get(reverse("trigger_points:dashboard")).content.decode()
    assert "no counts to show or compare with the start of the month" in dashboard
    assert "since 1 " not in dashboard
    assert "By tier" not in dashboard
    listed = clients["head_teacher"].get(reverse("trigger_points:flagged")).content.decode()
    assert "No pupil is listed while trigger points are switched off." in listed
    assert "match" not in listed
    fairness = clients["taskforce"].get(reverse("trigger_points:fairness")).content.decode()
    assert "no rates to compare and no needs-assessment counts" in fairness
    assert "Rate ratio" not in fairness
    assert "Download the needs assessment" not in fairness
