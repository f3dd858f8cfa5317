"""The warning before the idle timeout: with JavaScript a dialog on the page, without it
a refresh to the warning page. Looking at the warning (or the status the script asks
for) is not activity; "Stay signed in" is."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from accounts.middleware.sessions import SEEN, STARTED
from accounts.roles import Role
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db
WARNING = "/session/timeout-warning/"
STATUS = "/session/status/"
KEEP_ALIVE = "/session/keep-alive/"


def _signed_in() -> Client:
    client = Client()
    client.force_login(user_with_role(Role.DSL))
    assert client.get("/").status_code == 200
    return client


def _idle_for(client: Client, seconds: int, *, signed_in_for: int = 0) -> int:
    """Makes the session look idle for `seconds`; returns the last-seen time."""
    session = client.session
    now = int(time.time())
    session[SEEN] = now - seconds
    session[STARTED] = now - max(seconds, signed_in_for)
    session.save()
    return session[SEEN]


def test_the_warning_page_says_how_long_is_left_and_does_not_count_as_activity(settings):
    client = _signed_in()
    seen = _idle_for(client, settings.SESSION_IDLE_MINUTES * 60 - 4 * 60)
    response = client.get(WARNING, {"next": "/notifications/"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "You will be signed out soon" in page
    assert "you will be signed out in 4 minutes" in page
    assert "Stay signed in" in page
    assert "Sign out" in page
    assert re.search(r'<meta http-equiv="refresh" content="24\d; url=/notifications/">', page)
    assert client.session[SEEN] == seen, "looking at the warning must not keep the session alive"


def test_the_status_the_script_asks_for_does_not_count_as_activity(settings):
    client = _signed_in()
    seen = _idle_for(client, settings.SESSION_IDLE_MINUTES * 60 - 100)
    body = client.get(STATUS).json()
    assert body["signed_in"] is True
    assert body["can_stay_signed_in"] is True
    assert 95 <= body["seconds_left"] <= 100
    assert client.session[SEEN] == seen


def test_stay_signed_in_restarts_the_idle_clock_and_goes_back(settings):
    client = _signed_in()
    _idle_for(client, settings.SESSION_IDLE_MINUTES * 60 - 60)
    response = client.post(KEEP_ALIVE, {"next": "/notifications/"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    assert client.session[SEEN] >= int(time.time()) - 2
    assert client.get(STATUS).json()["seconds_left"] >= settings.SESSION_IDLE_MINUTES * 60 - 2


def test_the_script_stays_signed_in_without_leaving_its_page(settings):
    client = _signed_in()
    _idle_for(client, settings.SESSION_IDLE_MINUTES * 60 - 60)
    response = client.post(KEEP_ALIVE, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["seconds_left"] >= settings.SESSION_IDLE_MINUTES * 60 - 2


@pytest.mark.parametrize("target", ["https://elsewhere.example/", "//elsewhere.example/", WARNING])
def test_stay_signed_in_never_goes_to_another_site_or_back_to_the_warning(target):
    client = _signed_in()
    assert client.post(KEEP_ALIVE, {"next": target})["Location"] == reverse("home")


@pytest.mark.parametrize("target", ["x", "-1", "99999999999999999999", "2026-02-30", "home"])
def test_a_next_that_is_not_a_page_goes_home_not_to_a_server_error(target):
    """Django's redirect looks a value without a slash up as a URL name, and raised
    NoReverseMatch (a 500) for anything that is not one."""
    client = _signed_in()
    assert client.get(WARNING, {"next": target})["Location"] == reverse("home")
    assert client.post(KEEP_ALIVE, {"next": target})["Location"] == reverse("home")


def test_outside_the_warning_period_the_warning_page_sends_people_back():
    """Another tab was in use, or the person has just signed in again."""
    client = _signed_in()
    response = client.get(WARNING, {"next": "/notifications/"})
    assert response["Location"] == "/notifications/"


def test_after_the_timeout_the_sign_in_page_explains_and_the_status_says_signed_out(settings):
    client = _signed_in()
    _idle_for(client, settings.SESSION_IDLE_MINUTES * 60 + 5)
    assert client.get(STATUS).json() == {"signed_in": False, "seconds_left": 0, "can_stay_signed_in": False}
    client = _signed_in()
    _idle_for(client, settings.SESSION_IDLE_MINUTES * 60 + 5)
    response = client.get(WARNING, {"next": "/notifications/"}, follow=True)
    assert "You were signed out because you had not used the portal for 30 minutes." in (
        response.content.decode()
    )
    assert client.post(KEEP_ALIVE).status_code == 302
    assert client.get("/").status_code == 302, "staying signed in is too late once signed out"


def test_near_the_absolute_limit_the_warning_offers_no_way_to_stay(settings):
    client = _signed_in()
    _idle_for(client, 60, signed_in_for=settings.SESSION_ABSOLUTE_HOURS * 3600 - 3 * 60)
    page = client.get(WARNING).content.decode()
    assert "the longest a session may last" in page
    assert "Stay signed in" not in page
    assert client.get(STATUS).json()["can_stay_signed_in"] is False


def test_pages_refresh_to_the_warning_without_javascript_but_not_from_a_form(settings):
    client = _signed_in()
    page = client.get("/notifications/").content.decode()
    due = (settings.SESSION_IDLE_MINUTES - settings.SESSION_WARNING_MINUTES) * 60
    refresh = re.search(r'<noscript><meta http-equiv="refresh" content="(\d+); url=([^"]+)">', page)
    assert refresh, "a page without a form refreshes to the warning"
    assert due - 60 <= int(refresh[1]) <= due
    assert refresh[2] == f"{WARNING}?next=/notifications/"
    for form_page in ("/notifications/settings/", reverse("two_factor:backup_codes")):
        assert 'http-equiv="refresh"' not in client.get(form_page).content.decode(), form_page


def test_the_warning_dialog_and_its_script_are_on_every_page_for_signed_in_people(settings):
    client = _signed_in()
    page = client.get("/notifications/settings/").content.decode()
    assert 'data-module="portal-session-timeout"' in page
    assert f'data-warning-seconds="{settings.SESSION_WARNING_MINUTES * 60}"' in page
    assert re.search(r'<script type="module" src="/static/build/session-timeout.js" nonce="[^"]+">', page)
    anonymous = Client().get(reverse("login")).content.decode()
    assert "session-timeout" not in anonymous
    assert 'http-equiv="refresh"' not in anonymous
