"""The review-due notice gives its date as the rest of the portal does, "5 December
2026", in the portal and in the email: it read "05 December 2026"."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import EmailPreference, Notification
from accounts.services.notifications import notifications_email
from interventions.models import Intervention
from interventions.services.reviews import reviews_due_measure
from tests.factories.interventions import allocate
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_the_review_due_notice_writes_its_date_without_a_leading_zero(client):
    today = timezone.localdate()
    intervention = allocate(start=today - datetime.timedelta(days=120))
    review_date = (today - datetime.timedelta(days=40)).replace(day=5)
    Intervention.objects.filter(pk=intervention.pk).update(review_date=review_date)
    worker = intervention.worker
    worker.notification_email = EmailPreference.EACH
    worker.save(update_fields=["notification_email"])

    assert reviews_due_measure(today=today) == 1
    words = f"Review date 5 {review_date:%B %Y}."
    client.force_login(worker)
    assert words in page_text(client.get(reverse("notifications:list")))
    notifications_email(ids=Notification.objects.filter(user=worker).values_list("pk", flat=True))
    assert any(words in message.body for message in mail.outbox)
