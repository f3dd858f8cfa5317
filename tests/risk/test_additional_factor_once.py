"""However many trigger points a head teacher may not see by name, a pupil shows one
"additional factor known to partner agencies": on the flagged list, its printout and
CSV, the young person's page and the dashboard, with no count, date, version or
identifier of the flags behind it (DESIGN.md section 5). The list's sorts say no more.
A DSL and the taskforce, who may see those flags, still see each by name."""

import pytest
from django.urls import reverse

from accounts.access import ADDITIONAL_FACTOR
from tests.csv_download import csv_rows, csv_text
from tests.risk.hidden_world import (
    HIDDEN_CODES,
    HIDDEN_NAMES,
    anonymised,
    build_hidden_world,
    hidden_dates,
    table_row,
    trigger_points_section,
    web_client,
)

pytestmark = pytest.mark.django_db
LIST = reverse("trigger_points:flagged")
PRINT = reverse("trigger_points:flagged_print")
CSV = reverse("trigger_points:flagged_csv")
DASHBOARD = reverse("trigger_points:dashboard")


@pytest.fixture
def world():
    return build_hidden_world()


def assert_nothing_hidden_in(text: str) -> None:
    for leak in (*HIDDEN_NAMES, *HIDDEN_CODES, *hidden_dates()):
        assert leak not in text


@pytest.mark.parametrize("url", [LIST, PRINT])
def test_a_head_teacher_sees_one_additional_factor_per_pupil_on_the_list_and_printout(world, url):
    html = web_client(world.head).get(url).content.decode()
    alpha, bravo = table_row(html, world.alpha), table_row(html, world.bravo)
    # The printout gives the tier without its reasons, which are the row's trigger points.
    trigger_points, because = bravo.split("Because of:") if url == LIST else (bravo, "")
    assert trigger_points.count(ADDITIONAL_FACTOR) == 1
    if url == LIST:
        assert because.split("</span>")[0].strip() == f"Persistent absence; {ADDITIONAL_FACTOR}"
    assert_nothing_hidden_in(html)
    assert anonymised(bravo, world.bravo) == anonymised(alpha, world.alpha)


def test_a_head_teachers_csv_gives_one_other_per_pupil(world):
    response = web_client(world.head).get(CSV)
    text = csv_text(response)
    rows = {row[1].split()[-1]: row for row in csv_rows(response)}
    assert rows["Bravo"][3] == rows["Alpha"][3] == "tp01 other"
    assert rows["Bravo"][4] == rows["Alpha"][4] == "Medium"
    assert_nothing_hidden_in(text)


def test_a_head_teacher_sees_one_additional_factor_on_the_young_persons_page(world):
    head = web_client(world.head)

    def section(person) -> str:
        html = head.get(reverse("young_person_detail", args=[person.pk])).content.decode()
        assert_nothing_hidden_in(html)
        return trigger_points_section(html)

    bravo = section(world.bravo)
    assert "from 2 trigger points: Persistent absence; " + ADDITIONAL_FACTOR in bravo
    assert bravo.count("govuk-summary-card__title-wrapper") == 2
    assert anonymised(bravo, world.bravo) == anonymised(section(world.alpha), world.alpha)


def test_the_dashboard_counts_pupils_with_an_additional_factor_not_the_factors(world):
    response = web_client(world.head).get(DASHBOARD)
    html = response.content.decode()
    board = {row.key: row.now for row in response.context["board"].trigger_points}
    assert board == {"tp01": 3, "tp04": 1, "other": 2}
    assert (ADDITIONAL_FACTOR, "2") in response.context["chart"].rows
    # One row in the table (the chart's figures are that table's): two pupils.
    rows = [row for row in html.split("<tr")[1:] if ADDITIONAL_FACTOR in row]
    assert len(rows) == 1
    assert f'>2<span class="govuk-visually-hidden"> pupils: {ADDITIONAL_FACTOR}' in rows[0]
    assert_nothing_hidden_in(html)


@pytest.mark.parametrize(
    ("sort", "head_order", "dsl_order"),
    [
        # Each shows two trigger points to the head teacher; Bravo has four for the DSL.
        ("count", ["Alpha", "Bravo", "Charlie"], ["Bravo", "Alpha", "Charlie"]),
        # All medium for both; the head teacher's order within a tier goes by what they see by name.
        ("tier", ["Charlie", "Alpha", "Bravo"], ["Alpha", "Bravo", "Charlie"]),
    ],
)
def test_the_lists_sorts_do_not_count_or_weigh_what_a_head_teacher_may_not_see(
    world, sort, head_order, dsl_order
):
    def order(user) -> list[str]:
        return [row.person.surname for row in web_client(user).get(LIST, {"sort": sort}).context["rows"]]

    assert order(world.head) == head_order
    assert order(world.dsl) == dsl_order


def test_the_additional_factor_filter_lists_each_pupil_once_with_one_factor(world):
    html = web_client(world.head).get(LIST, {"trigger_point": "other"}).content.decode()
    assert "2 pupils" in html
    assert table_row(html, world.bravo).split("Because of:")[0].count(ADDITIONAL_FACTOR) == 1


@pytest.mark.parametrize("role", ["dsl", "taskforce"])
def test_a_dsl_and_the_taskforce_see_each_trigger_point_by_name(world, role):
    client = web_client(getattr(world, role))
    listed = client.get(LIST).content.decode()
    page = trigger_points_section(
        client.get(reverse("young_person_detail", args=[world.bravo.pk])).content.decode()
    )
    for html in (table_row(listed, world.bravo), page):
        assert ADDITIONAL_FACTOR not in html
        for code, name in zip(HIDDEN_CODES[1:], HIDDEN_NAMES[1:], strict=True):
            assert code in html
            assert name in html
    assert "from 4 trigger points" in page
