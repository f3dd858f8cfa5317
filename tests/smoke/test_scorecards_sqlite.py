"""The scorecards on SQLite, the demo's database: the same hand-made set gives the same
figures as on PostgreSQL (tests/interventions/test_scorecard_figures.py), so the demo's
page and CSV say what production's would."""

import pytest
from django.db import connection
from django.urls import reverse

from accounts.roles import Role
from interventions.scorecards import GROUPINGS, scorecards_by
from tests.csv_download import csv_rows
from tests.factories.access import user_with_role
from tests.interventions.scorecard_world import CSV_BY_SCHOOL, FIGURES, build_world, figures

pytestmark = [pytest.mark.demo_smoke, pytest.mark.django_db]


def test_the_hand_made_set_gives_the_figures_worked_by_hand_on_sqlite(client):
    assert connection.vendor == "sqlite"
    build_world()
    assert {g: figures(cards) for g, cards in scorecards_by(*GROUPINGS).items()} == FIGURES
    client.force_login(user_with_role(Role.TASKFORCE))
    for grouping in GROUPINGS:
        assert client.get(reverse("interventions:scorecards") + f"?by={grouping}").status_code == 200
    response = client.get(reverse("interventions:scorecards_csv") + "?by=school")
    assert csv_rows(response) == CSV_BY_SCHOOL
