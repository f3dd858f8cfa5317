"""Session limits: idle timeout and absolute lifetime, with a page that says why; the
session key changes at sign-in; losing a role, deactivation or a new password ends every
session of the user at once, and deactivation or a lost role their API tokens too."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.middleware.sessions import SEEN, STARTED
from accounts.models import ApiToken
from accounts.roles import Role
from accounts.services.api_tokens import service_account_create
from accounts.services.roles import set_role
from accounts.services.users import user_deactivate
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


def _signed_in(role=Role.DSL) -> tuple[Client, object]:
    user = user_with_role(role)
    client = Client()
    client.force_login(user)
    assert client.get("/").status_code == 200
    return client, user


def _age(client: Client, *, started: int = 0, seen: int = 0) -> None:
    session = client.session
    session[STARTED] -= started
    session[SEEN] -= seen
    session.save()


def test_thirty_idle_minutes_end_the_session_and_the_sign_in_page_says_why(settings):
    client, _ = _signed_in()
    _age(client, seen=settings.SESSION_IDLE_MINUTES * 60 - 30)
    assert client.get("/notifications/").status_code == 200, "29.5 idle minutes are not yet too many"
    _age(client, seen=settings.SESSION_IDLE_MINUTES * 60 + 1)
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?signed_out=idle&next=%2Fnotifications%2F"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not used the portal for 30 minutes." in page
    assert client.get("/").status_code == 302


def test_a_form_sent_after_the_timeout_is_said_not_saved_with_how_to_get_the_text_back(settings):
    """The form's content is kept nowhere (it is about children), so the sign-in page
    tells the person the way Chromium gives it back: signed in in another tab, Back in
    this one brings the form again with what they typed and a fresh CSRF token."""
    client, _ = _signed_in()
    _age(client, seen=settings.SESSION_IDLE_MINUTES * 60 + 1)
    response = client.post("/notifications/settings/", {"notification_email": "me@example.org"})
    assert response["Location"] == reverse("login") + "?signed_out=idle&sending=1"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not used the portal for 30 minutes." in page
    assert "What you were sending was not saved." in page
    assert f'href="{reverse("login")}" target="_blank" rel="noopener">Sign in in a new tab' in page
    assert "use your browser's Back button" in page
    assert "anything you had not saved was not kept" not in page


def test_a_form_sent_after_signing_out_in_another_tab_says_it_was_not_saved(client):
    """The session is gone (signed out elsewhere), so the form's page would have led to
    sign-in and then to an empty copy of the form, without a word."""
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    client.force_login(school_staff(Role.DSL, school))
    client.get(reverse("young_person_detail", args=[pupil.pk]))
    client.logout()

    response = client.post(reverse("referrals:new", args=[pupil.pk]), {"reasons": "Seen with older youths."})

    assert response["Location"] == reverse("login") + "?signed_out=elsewhere&sending=1"
    page = client.get(response["Location"]).content.decode()
    assert "You were not signed in when you sent the form" in page
    assert "What you were sending was not saved." in page
    assert "use your browser's Back button" in page
    assert "unattended computer" not in page
    # A page asked for while signed out still leads back to itself after sign-in.
    asked = client.get(reverse("young_person_detail", args=[pupil.pk]))
    assert asked["Location"].startswith(reverse("login") + "?next=")


def test_ten_hours_after_sign_in_the_session_ends_however_busy(settings):
    client, _ = _signed_in()
    _age(client, started=settings.SESSION_ABSOLUTE_HOURS * 3600 + 1)
    response = client.get("/")
    assert response["Location"].startswith(reverse("login") + "?signed_out=expired")
    assert "signed in for 10 hours" in client.get(response["Location"]).content.decode()


def test_activity_keeps_the_session_alive():
    client, _ = _signed_in()
    before = client.session[SEEN]
    _age(client, seen=120)
    client.get("/")
    assert client.session[SEEN] >= before >= int(time.time()) - 5


@pytest.mark.password_only
def test_signing_in_gives_a_new_session_key(client, password):
    user = user_with_role(Role.DSL)
    client.get(reverse("login"))
    client.cookies["sessionid"] = "attacker-chosen-session-key"
    client.post(reverse("login"), {"username": user.email, "password": password})
    assert client.cookies["sessionid"].value != "attacker-chosen-session-key"


def test_cookies_are_http_only_and_same_site(settings):
    """Secure in production: `check --deploy` (tests/security/test_scanners.py) fails without it."""
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


@pytest.mark.parametrize("change", ["lose_role", "deactivate", "new_password"])
def test_every_session_ends_when_the_user_changes(change, django_capture_on_commit_callbacks):
    first, user = _signed_in()
    second = Client()
    second.force_login(user)
    admin = user_with_role(Role.ADMINISTRATOR)
    with django_capture_on_commit_callbacks(execute=True):
        if change == "lose_role":
            set_role(by=admin, user=user, role=Role.HEAD_TEACHER)
        elif change == "deactivate":
            user_deactivate(by=admin, user=user)
        else:
            user.set_password("a new long passphrase 2026")
            user.save()
    for client in (first, second):
        assert client.get("/").status_code == 302, change


@pytest.mark.parametrize("change", ["lose_role", "deactivate"])
def test_deactivation_or_a_lost_role_ends_api_tokens_and_api_sessions_at_once(
    change, password, django_capture_on_commit_callbacks
):
    user = user_with_role(Role.DATA_OFFICER)
    with_token = client_for(user)
    with_session = APIClient()
    assert with_session.login(email=user.email, password=password)
    for client in (with_token, with_session):
        assert client.get("/api/v1/me/").status_code == 200
    admin = user_with_role(Role.ADMINISTRATOR)
    with django_capture_on_commit_callbacks(execute=True):
        if change == "lose_role":
            set_role(by=admin, user=user, role=Role.IG_OFFICER)
        else:
            user_deactivate(by=admin, user=user)
    assert not ApiToken.objects.filter(user=user).exists()
    for client in (with_token, with_session):
        assert client.get("/api/v1/me/").status_code == 401, change


def test_a_new_password_ends_sessions_but_not_the_tokens_an_administrator_made(password):
    """Tokens are not derived from the password and only administrators make them, so a
    changed password (perhaps a stolen one) says nothing about them."""
    user = user_with_role(Role.DATA_OFFICER)
    with_token = client_for(user)
    with_session = APIClient()
    assert with_session.login(email=user.email, password=password)
    user.set_password("a new long passphrase 2026")
    user.save()
    assert with_session.get("/api/v1/me/").status_code == 401
    assert with_token.get("/api/v1/me/").status_code == 200


def test_a_role_given_for_the_first_time_revokes_nothing():
    account = service_account_create(
        by=None, email="extract@northbridge.example", display_name="Extract", role=Role.DATA_OFFICER
    )
    assert client_for(account).get("/api/v1/me/").status_code == 200
