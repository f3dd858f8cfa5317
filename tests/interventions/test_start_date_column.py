"""The interventions list headed its start dates "Started", above an intervention
allocated to start tomorrow."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.interventions import allocate
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_an_intervention_starting_tomorrow_is_not_listed_as_started(client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    intervention = allocate(start=tomorrow)
    client.force_login(intervention.worker)
    text = page_text(client.get(reverse("interventions:list")))
    assert "Start date" in text
    assert "Started" not in text
    assert f"{tomorrow:%-d %b %Y}" in text
