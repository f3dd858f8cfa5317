"""The work queue's summary said "1 review due within a week" when the only review in
"Reviews due" was tagged "Overdue": the section holds both, so the summary counts each."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.interventions import allocate
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_an_overdue_review_is_counted_as_overdue_not_as_due_within_a_week(officer):
    today = timezone.localdate()
    allocate(start=today - datetime.timedelta(days=50))  # review 8 days ago

    text = page_text(officer.get(reverse("referrals:queue")))

    assert "1 review overdue and 0 due within a week." in text


def test_reviews_overdue_and_due_soon_are_counted_apart(officer):
    today = timezone.localdate()
    allocate(start=today - datetime.timedelta(days=50))  # review 8 days ago
    allocate(start=today - datetime.timedelta(days=40))  # review in 2 days
    allocate(start=today - datetime.timedelta(days=38))  # review in 4 days

    text = page_text(officer.get(reverse("referrals:queue")))

    assert "1 review overdue and 2 due within a week." in text
