"""Helpers for the IG pages' tests: a signed-in client, and a weekday at a local hour."""

from datetime import datetime, timedelta

from django.test import Client
from django.utils import timezone


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def local(hour: int, days_ago: int = 1) -> datetime:
    """A weekday at the given local hour."""
    day = timezone.localdate() - timedelta(days=days_ago)
    while day.isoweekday() > 5:
        day -= timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))
