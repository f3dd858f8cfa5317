"""Straight after allocation only the baseline is measured: the period since the start is
first measured on the review date (or when a review is recorded, or at closure). The
outcomes table showed a "Change" column of blank cells with no word why; it now says
so where the figures would be. The closing page's hint said the figures were "beside"
the summary while they are above it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.services.reviews import reviews_due_measure
from tests.factories.interventions import allocate
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def _not_measured(intervention) -> str:
    return (
        "Not measured since the start yet: the portal first measures the period since the start "
        f"on the review date, {intervention.review_date:%-d %b %Y}, or when a review is recorded "
        "or the intervention closed before then."
    )


def test_a_new_intervention_says_what_is_not_measured_yet_instead_of_blank_changes(officer):
    intervention = allocate(start=timezone.localdate() - datetime.timedelta(days=10))

    response = officer.get(reverse("interventions:detail", args=[intervention.pk]))

    text = page_text(response)
    assert _not_measured(intervention) in text
    assert ">Change</th>" not in response.content.decode()


def test_the_closing_page_says_the_same_and_its_hint_points_above(officer):
    intervention = allocate(start=timezone.localdate() - datetime.timedelta(days=10))

    text = page_text(officer.get(reverse("interventions:close", args=[intervention.pk])))

    assert _not_measured(intervention) in text
    assert "The figures measured so far are above." in text
    assert "shown beside it" not in text


def test_once_measured_the_change_column_is_back(officer):
    intervention = allocate(start=timezone.localdate() - datetime.timedelta(days=50))
    reviews_due_measure(today=timezone.localdate())
    response = officer.get(reverse("interventions:detail", args=[intervention.pk]))

    assert ">Change</th>" in response.content.decode()
    assert "Not measured since the start yet" not in page_text(response)
