"""Reviews: measured from the feeds on the review date, the worker told once, and the
worker's judgement recorded beside the figures with the next review date."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Notification
from interventions.models import Measure
from interventions.services.errors import ConcurrentChange, Invalid, InvalidTransition
from interventions.services.reviews import intervention_review, reviews_due_measure
from interventions.tasks import measure_due_reviews_task
from tests.factories.interventions import allocate
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_a_due_review_is_measured_and_its_worker_told_once():
    today = timezone.localdate()
    due = allocate(start=today - datetime.timedelta(days=50))  # review after 42 days: due
    not_yet = allocate(start=today - datetime.timedelta(days=10))

    assert reviews_due_measure(today=today) == 1
    assert measure_due_reviews_task() == 0

    review = due.measures.get(point=Measure.Point.REVIEW)
    assert review.measured_on == due.review_date
    assert review.events_from == due.start_date
    assert Notification.objects.filter(user=due.worker, kind="intervention_review_due").count() == 1
    assert not not_yet.measures.filter(point=Measure.Point.REVIEW).exists()


def test_the_worker_records_the_review_and_the_next_date(client):
    today = timezone.localdate()
    intervention = allocate(start=today - datetime.timedelta(days=50))
    client.force_login(intervention.worker)
    url = reverse("interventions:review", args=[intervention.pk])
    assert client.get(url).status_code == 200
    next_date = today + datetime.timedelta(days=42)
    response = client.post(
        url,
        {"note": "Engaging well", "next_review_date": next_date.isoformat(), "version": intervention.version},
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.review_date == next_date
    review = intervention.measures.get(point=Measure.Point.REVIEW)
    assert review.review_note == "Engaging well"
    assert b"Engaging well" in client.get(reverse("interventions:detail", args=[intervention.pk])).content


def test_a_review_needs_a_later_date_and_the_current_version():
    intervention = allocate()
    with pytest.raises(Invalid, match="after this review"):
        intervention_review(
            by=intervention.worker,
            intervention=intervention,
            note="ok",
            next_review_date=intervention.review_date,
            expected_version=intervention.version,
        )
    with pytest.raises(ConcurrentChange):
        intervention_review(
            by=intervention.worker,
            intervention=intervention,
            note="ok",
            next_review_date=intervention.review_date + datetime.timedelta(days=1),
            expected_version=intervention.version + 1,
        )


def test_a_review_before_the_start_or_a_next_review_years_away_is_refused():
    """Before the start the measures' period ran backwards (from the start to today);
    a next review in 9999 took the intervention out of every review due."""
    today = timezone.localdate()
    future = allocate(start=today + datetime.timedelta(days=7))
    with pytest.raises(InvalidTransition, match="once it has started"):
        intervention_review(
            by=future.worker,
            intervention=future,
            note="ok",
            next_review_date=future.review_date + datetime.timedelta(days=1),
            expected_version=future.version,
        )
    assert not future.measures.filter(point=Measure.Point.REVIEW).exists()
    started = allocate()
    with pytest.raises(Invalid, match="within a year"):
        intervention_review(
            by=started.worker,
            intervention=started,
            note="ok",
            next_review_date=datetime.date(9999, 12, 31),
            expected_version=started.version,
        )


def test_the_worker_sees_which_reviews_are_overdue(client):
    """The work queue tagged an overdue review; the worker's own list and the
    intervention's page showed the past date alone."""
    today = timezone.localdate()
    overdue = allocate(start=today - datetime.timedelta(days=50))  # review after 42 days
    worker = overdue.worker
    on_time = allocate(start=today - datetime.timedelta(days=10), worker=worker)
    client.force_login(worker)
    listed = client.get(reverse("interventions:list")).content.decode()
    rows = {i.pk: row for i in (overdue, on_time) for row in listed.split("<tr") if _shows(row, i)}
    assert "Overdue" in rows[overdue.pk]
    assert "Overdue" not in rows[on_time.pk]
    assert b"Overdue" in client.get(reverse("interventions:detail", args=[overdue.pk])).content
    assert b"Overdue" not in client.get(reverse("interventions:detail", args=[on_time.pk])).content


def _shows(html: str, intervention: object) -> bool:
    return escape(intervention.young_person.full_name) in html


def test_a_review_recorded_after_its_date_says_when_it_was_held_and_when_it_was_due(client):
    """Recorded on 6 Dec for a review due 2 Dec, the page said "Review on 2 Dec": the
    day it was due, as if it was held then."""
    today = timezone.localdate()
    intervention = allocate(start=today - datetime.timedelta(days=50))  # due 8 days ago
    due = intervention.review_date
    client.force_login(intervention.worker)
    client.post(
        reverse("interventions:review", args=[intervention.pk]),
        {
            "note": "Engaging well",
            "next_review_date": (today + datetime.timedelta(days=42)).isoformat(),
            "version": intervention.version,
        },
    )

    text = page_text(client.get(reverse("interventions:detail", args=[intervention.pk])))

    said = f"Review held on {today:%-d %b %Y} (due {due:%-d %b %Y}), the worker's judgement: Engaging well"
    assert said in text
