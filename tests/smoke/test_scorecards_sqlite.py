"""The scorecards on SQLite, the demo's database: the same hand-made set gives the same
figures as on PostgreSQL (tests/interventions/test_scorecard_figures.py), so the demo's
page and CSV say what production's would."""

import pytest
from django.db import connection

from interventions.scorecards import GROUPINGS, scorecards_by
from tests.interventions.scorecard_world import FIGURES, build_world, figures

pytestmark = [pytest.mark.demo_smoke, pytest.mark.django_db]


def test_the_hand_made_set_gives_the_figures_worked_by_hand_on_sqlite():
    assert connection.vendor == "sqlite"
    build_world()
    assert {g: figures(cards) for g, cards in scorecards_by(*GROUPINGS).items()} == FIGURES
