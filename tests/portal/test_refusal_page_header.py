"""The input guard's 400 page has the portal's header like the 403 and 404 pages: the tab
title and header name the service and the council, and a signed-in user sees who they
are signed in as and can sign out from it, without the refused input being read again."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from risk.models import DismissalReason
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

TITLE = f"There is a problem with the address or form – {settings.SERVICE_NAME} – {settings.COUNCIL_NAME}"


def _title(html: str) -> str:
    return " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())


def test_a_signed_in_ig_officer_sees_the_header_on_a_refused_search():
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_with_role(Role.IG_OFFICER, display_name="Ines Gould"))

    response = client.get(reverse("access_log:entries") + "?user=%00")

    assert response.status_code == 400
    html = response.content.decode()
    assert _title(html) == TITLE
    text = page_text(response)
    assert settings.COUNCIL_NAME in text
    assert "Signed in as Ines Gould (Information-governance officer)." in text
    assert "a character the portal cannot accept" in text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    signed_out = client.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert signed_out.status_code == 302, "the page's Sign out button signs out"
    assert "_auth_user_id" not in client.session


def test_a_dismissal_with_a_nul_byte_is_refused_under_the_portals_header(client):
    pupil = EnrolmentFactory().person
    flag = FlagFactory(person=pupil)
    client.force_login(school_staff(Role.DSL, pupil.enrolments.get().school, display_name="Daniel Okoro"))

    response = client.post(
        reverse("risk:flag_dismiss", args=[flag.pk]), {"reason": DismissalReason.OTHER, "note": "a\x00b"}
    )

    assert response.status_code == 400
    assert _title(response.content.decode()) == TITLE
    assert "Signed in as Daniel Okoro" in page_text(response)
    flag.refresh_from_db()
    assert flag.dismissed_at is None


def test_signed_out_the_page_names_the_service_and_offers_no_sign_out():
    response = Client().get(reverse("home") + "?q=%00")

    assert response.status_code == 400
    assert _title(response.content.decode()) == TITLE
    assert "Sign out" not in page_text(response)


def test_with_a_broken_session_cookie_the_page_still_names_the_service():
    """The session cannot be looked up, so nobody is shown as signed in."""
    client = Client()
    client.cookies["sessionid"] = "abcdefgh\x00ijk"

    response = client.get(reverse("home"))

    assert response.status_code == 400
    assert _title(response.content.decode()) == TITLE
    assert "Signed in as" not in page_text(response)
