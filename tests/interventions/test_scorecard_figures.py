"""The scorecards' figures pinned for a small hand-made set (tests/interventions/
scorecard_world.py): every grouping, the CSV and the page agree with figures worked out
by hand, including the edge cases (no referrals, the taskforce's referrals with no
school, drafts left out, medians of odd and even counts, shares with nothing to divide
by), in both forms of the SQL. tests/smoke checks the same figures on SQLite."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from interventions.scorecards import GROUPINGS, scorecards, scorecards_by, scorecards_from
from interventions.scorecards_sql import portable_figures
from tests.csv_download import csv_rows
from tests.factories.access import user_with_role
from tests.interventions.scorecard_world import CSV_BY_SCHOOL, FIGURES, build_world, figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    client.force_login(user_with_role(Role.TASKFORCE))
    return client


@pytest.mark.parametrize("grouping", GROUPINGS)
def test_each_grouping_gives_the_figures_worked_by_hand(grouping):
    build_world()
    assert figures(scorecards(grouping)) == FIGURES[grouping]


def test_groupings_read_together_give_the_same_figures_as_alone():
    build_world()
    together = scorecards_by(*GROUPINGS)
    assert {g: figures(cards) for g, cards in together.items()} == FIGURES


def test_the_portable_sql_gives_the_same_figures_as_postgresqls_own():
    """PostgreSQL's form (GROUPING SETS, percentile_disc) against the form SQLite runs
    (window functions), both on PostgreSQL; tests/smoke runs the latter on SQLite."""
    build_world()
    portable = portable_figures(GROUPINGS)
    assert {g: figures(scorecards_from(*rows)) for g, rows in portable.items()} == FIGURES


def test_the_csv_says_the_same_with_blanks_where_nothing_divides(officer_client):
    build_world()
    response = officer_client.get(reverse("interventions:scorecards_csv") + "?by=school")
    assert csv_rows(response) == CSV_BY_SCHOOL


def test_the_page_shows_each_share_with_its_count_and_a_dash_for_none(officer_client):
    build_world()
    page = officer_client.get(reverse("interventions:scorecards") + "?by=school").content.decode()
    # the school's rows in the referrals table and the interventions table, which come
    # after the chart's data table (it names the school too)
    rows = page.split('<th scope="row" class="govuk-table__header">Beacon High</th>')[-2:]
    cells = [cell.split(">", 1)[1] for row in rows for cell in row.split("</tr>")[0].split("</td>")[:-1]]
    assert cells == ["0", "1", "1", "1", "0.2", "6.0", "0", "2", "–", "–", "–"]
    assert "50.0% (1 of 2)" in page
    assert "Cedar Primary" not in page


def test_with_no_referrals_there_are_no_cards(officer_client):
    for grouping in GROUPINGS:
        assert scorecards(grouping) == []
    assert portable_figures(GROUPINGS) == {g: ([], []) for g in GROUPINGS}
    page = officer_client.get(reverse("interventions:scorecards"))
    assert "No referrals yet." in page.content.decode()
    rows = csv_rows(officer_client.get(reverse("interventions:scorecards_csv")))
    assert rows == [CSV_BY_SCHOOL[0]]
