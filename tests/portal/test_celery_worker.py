import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.tasks import end_user_sessions_task
from tests.factories import UserFactory


@pytest.mark.worker
def test_a_real_worker_ends_a_deactivated_users_sessions(celery_worker, password):
    user = UserFactory()
    other = UserFactory()
    for who in (user, user, other):
        assert Client().login(email=who.email, password=password)
    assert Session.objects.count() == 3

    result = end_user_sessions_task.apply_async((user.pk,), queue=celery_worker)

    assert result.get(timeout=60) == 2
    remaining = [s.get_decoded()["_auth_user_id"] for s in Session.objects.all()]
    assert remaining == [str(other.pk)]
    assert get_user_model().objects.filter(pk=user.pk).exists()
