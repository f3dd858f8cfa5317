"""Each row of the flagged-pupils list and its printout, word for word: the trigger points
(named with their code, a stronger one said so, one raised since the day the list is
filtered to marked) and the tier with the trigger points that make it. The cells are
written in Python (risk/templatetags/flagged_rows.py), so these pin what they say."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from chronology.models import Sensitivity
from risk.models import IndicatorVersion
from tests.factories.risk import FlagFactory
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Absent's tp01 (raised last month) is joined by a stronger tp07 raised today, whose
    name a hand-edited indicator gave markup that must be shown as text."""
    world = build_world()
    version = IndicatorVersion.objects.get(indicator__code="tp07")
    version.name = "Arrested <b>or</b> suspect"
    version.save()
    FlagFactory(
        person=world.absent,
        version=version,
        raised_at=timezone.now(),
        stronger=True,
        sensitivity=Sensitivity.EDUCATION,
    )
    return world


def _since() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


@pytest.mark.parametrize("url", ["trigger_points:flagged", "trigger_points:flagged_print"])
def test_a_row_names_each_trigger_point_and_marks_the_new_and_stronger_one(world, url):
    html = client_for(world.dsl).get(reverse(url), {"q": "Absent"}).content.decode()
    since = timezone.localdate() - timedelta(days=1)
    assert (
        '\n<ul class="govuk-list govuk-!-margin-bottom-0">\n'
        "  <li><strong>tp01</strong> Persistent absence</li>"
        "<li><strong>tp07</strong> Arrested &lt;b&gt;or&lt;/b&gt; suspect (stronger)</li>\n</ul>\n"
    ) in html
    # The printout gives the tier alone: its reasons are the row's trigger points above.
    because = (
        '<span class="govuk-body-s govuk-!-display-block">Because of: Persistent absence; '
        "Arrested &lt;b&gt;or&lt;/b&gt; suspect</span>\n"
    )
    tier = '<strong class="govuk-tag govuk-tag--orange">Medium</strong>\n'
    assert tier + (because if url == "trigger_points:flagged" else "</td>") in html
    filtered = client_for(world.dsl).get(reverse(url), {"q": "Absent", "raised_since": _since()})
    assert (
        "<li><strong>tp07</strong> Arrested &lt;b&gt;or&lt;/b&gt; suspect (stronger) "
        f'<span class="govuk-tag govuk-tag--blue">new since {since.day} {since:%b}</span></li>'
    ) in filtered.content.decode()


def test_a_row_links_the_pupils_name_to_their_record_with_the_way_back_and_gives_their_upn(world):
    world.absent.upn = ""
    world.absent.save()
    html = client_for(world.dsl).get(reverse("trigger_points:flagged"), {"q": "Absent"}).content.decode()
    record = reverse("young_person_detail", args=[world.absent.pk])
    assert (
        f'<a class="govuk-link" href="{record}?from=flagged&amp;list=q%3DAbsent">'
        f"{world.absent.surname}, {world.absent.forename}</a>"
        '<span class="govuk-body-s govuk-!-display-block">No UPN</span>'
    ) in html


def test_a_pupil_with_an_unnamed_trigger_point_shows_an_additional_factor_without_code(world):
    html = client_for(world.head).get(reverse("trigger_points:flagged"), {"q": "Exploited"}).content.decode()
    assert "<li>An additional factor" in html
    assert "tp08" not in html
