import pytest
from django.test import Client
from django.urls import reverse
from kombu.exceptions import OperationalError

from accounts import tasks
from accounts.roles import Role
from accounts.services.users import user_deactivate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_users_are_never_deleted():
    user = UserFactory()
    with pytest.raises(PermissionError):
        user.delete()


def test_email_is_stored_lower_case():
    from accounts.models import User

    user = User.objects.create_user("Ann.Example@Example.ORG", "x" * 20, display_name="Ann")
    assert user.email == "ann.example@example.org"


@pytest.mark.password_only
def test_the_email_signs_in_however_it_is_capitalised(password):
    """Emails are kept in lower case, so one typed as on a business card never matched."""
    user = UserFactory(email="ann.example@example.org")
    user.set_password(password)
    user.save()
    client = Client()
    response = client.post(reverse("login"), {"username": " Ann.Example@Example.ORG", "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_role_comes_from_the_role_group():
    assert UserFactory(role=Role.DSL).role == Role.DSL
    assert UserFactory().role is None


def test_deactivation_signs_the_user_out_on_their_next_request(password, django_capture_on_commit_callbacks):
    user = UserFactory(role=Role.TASKFORCE)
    client = Client()
    client.login(email=user.email, password=password)
    assert client.get(reverse("home")).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        user_deactivate(by=None, user=user)

    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    user.refresh_from_db()
    assert not user.is_active
    assert user.deactivated_at is not None


def test_deactivation_stands_and_signs_the_user_out_with_the_task_queue_down(
    password, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args: object) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.end_user_sessions_task, "delay", broker_down)
    user = UserFactory(role=Role.TASKFORCE)
    client = Client()
    client.login(email=user.email, password=password)

    with django_capture_on_commit_callbacks(execute=True):
        user_deactivate(by=None, user=user)

    user.refresh_from_db()
    assert not user.is_active
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
