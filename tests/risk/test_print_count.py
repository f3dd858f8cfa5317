"""The printout of the flagged-pupils list counts its pupils as the list does, with a
thousands separator: a city-wide print for the taskforce runs past 999."""

import pytest
from django.urls import reverse

from risk.views import flagged_list
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("copies", "words"), [(1, "3 pupils."), (412, "1,236 pupils.")])
def test_the_printout_counts_its_pupils_with_a_separator(monkeypatch, copies, words):
    world = build_world()
    rows = flagged_list.flagged_all
    monkeypatch.setattr(flagged_list, "flagged_all", lambda user, query: rows(user, query) * copies)
    html = client_for(world.dsl).get(reverse("trigger_points:flagged_print")).content.decode()
    assert words in html
