"""Scheduled work: measuring the reviews that have come due and telling their workers."""

from celery import shared_task
from django.utils import timezone

from interventions.services.reviews import reviews_due_measure


@shared_task(name="interventions.measure_due_reviews")
def measure_due_reviews_task() -> int:
    return reviews_due_measure(today=timezone.localdate())
