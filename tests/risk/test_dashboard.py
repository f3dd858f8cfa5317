"""The school dashboard: its counts, what they hide, and that each equals the list it
links to."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.access import ADDITIONAL_FACTOR
from risk.models import FlagSettings
from tests.risk.pages_world import RESTRICTED_NAME, build_world, client_for

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("trigger_points:dashboard")
LIST = reverse("trigger_points:flagged")


@pytest.fixture
def world():
    return build_world()


def rows_by_key(board, name):
    return {row.key: (row.now, row.then) for row in getattr(board, name)}


def test_the_head_teacher_sees_counts_with_the_restricted_one_unnamed(world):
    response = client_for(world.head).get(DASHBOARD)
    assert response.status_code == 200
    board = response.context["board"]
    assert board.on_roll == 6
    # Absent (tp01, last month), Suspended (this month), Exploited; Dismissed was flagged
    # at the start of the month and dismissed since. Exploited's restricted trigger point
    # has no date the head teacher sees: it counts at the start of the month as now, so
    # that no change gives away when it came.
    assert (board.flagged.now, board.flagged.then) == (3, 3)
    assert board.new_this_month == 1
    assert rows_by_key(board, "trigger_points") == {"tp01": (2, 1), "tp04": (1, 1), "other": (1, None)}
    assert rows_by_key(board, "tiers") == {"high": (0, 0), "medium": (2, 1), "low": (1, 2)}
    html = response.content.decode()
    assert RESTRICTED_NAME not in html
    assert "tp08" not in html
    assert ADDITIONAL_FACTOR in html
    assert "prompts for professional judgement" in html
    # Each change reads as one phrase in its narrow column, never split over two lines.
    assert '<span class="portal-nowrap">up 1</span>' in html
    assert '<span class="portal-nowrap">no change</span>' in html
    assert '<span class="portal-nowrap">not dated</span>' in html


def test_an_undated_count_is_read_out_as_not_dated(world):
    """The dash of a count with no date at the start of the month is hidden from screen
    readers, which hear "not dated" instead: an aria-label on a span without a role is
    not allowed (axe: aria-prohibited-attr) and most screen readers ignore it."""
    html = client_for(world.head).get(DASHBOARD).content.decode()
    assert '<span aria-hidden="true">–</span><span class="govuk-visually-hidden">not dated</span>' in html
    assert not re.search(r"<span[^>]*aria-label=", html)


def test_the_chart_table_heads_its_column_of_trigger_points(world):
    response = client_for(world.head).get(DASHBOARD)
    assert response.context["chart"].headers == ("Trigger point", "Pupils")
    assert not re.search(r"<th[^>]*>\s*</th>", response.content.decode())


def test_the_charts_figures_are_the_table_that_follows_it_shown_once(world):
    """The chart's own table of figures repeated the trigger-point table's "Pupils now"
    column straight after it; the chart now sits above that table, which its picture's
    description names as holding the same figures."""
    html = client_for(world.head).get(DASHBOARD).content.decode()
    chart, after = html.split('<figure class="portal-chart"', 1)[1].split("</figure>", 1)
    assert "the same figures are in the table that follows" in chart
    assert "<table" not in chart
    assert after.lstrip().startswith('<div class="portal-table-region" role="region" aria-label="Pupils with')
    assert "Pupils now" in after.split("</table>", 1)[0]
    assert html.count(">Persistent absence<") == 1


def test_the_dsl_sees_the_restricted_trigger_point_by_name(world):
    board = client_for(world.dsl).get(DASHBOARD).context["board"]
    assert rows_by_key(board, "trigger_points")["tp08"] == (1, 0)
    assert "other" not in rows_by_key(board, "trigger_points")


def test_every_count_equals_the_list_it_links_to(world):
    for user in (world.head, world.dsl):
        client = client_for(user)
        html = client.get(DASHBOARD).content.decode()
        links = re.findall(r'href="(/trigger-points/pupils/[^"]*)">(\d+)<', html)
        assert len(links) >= 5
        for url, count in links:
            response = client.get(url.replace("&amp;", "&"))
            assert response.context["page"].paginator.count == int(count), url


def test_the_portal_switch_empties_the_dashboard(world):
    FlagSettings.objects.update_or_create(pk=1, defaults={"flags_enabled": False})
    response = client_for(world.head).get(DASHBOARD)
    assert response.context["board"].flagged.now == 0
    assert "switched off" in response.content.decode()


def test_the_dashboard_is_for_school_staff(world):
    assert client_for(world.taskforce).get(DASHBOARD).status_code == 403


def test_city_scale_counts_are_grouped_in_thousands():
    """A large secondary's roll, or the city's flagged young people, read "1,465", not "1465"."""
    board = SimpleNamespace(
        on_roll=1465,
        flagged=SimpleNamespace(now=1232, change=-12),
        new_this_month=1024,
        month_start=date(2026, 12, 1),
    )
    html = render_to_string("risk/_headline.html", {"board": board})
    assert ">1,465<" in html
    assert ">1,232<span" in html
    assert ">1,024<span" in html
