import re

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Sensitivity
from tests.factories import FeedFactory, UserFactory
from tests.factories.access import user_with_role
from tests.factories.two_factor import authenticator_for, code_now

pytestmark = pytest.mark.django_db


def assert_portal_layout(html: str) -> None:
    """GOV.UK patterns without GOV.UK branding."""
    assert 'class="govuk-skip-link"' in html
    assert "Northbridge City Council" in html
    assert "SAFE portal" in html
    assert "govuk-phase-banner" in html
    assert 'href="/privacy/"' in html
    assert "govuk-logo" not in html
    assert "crown" not in html.lower()
    assert "GDS Transport" not in html


@pytest.mark.parametrize("name", ["login", "privacy", "accessibility"])
def test_public_pages_render_in_the_portal_layout(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_portal_layout(response.content.decode())


def test_the_stylesheet_uses_a_system_font_not_gds_transport():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "build" / "portal.css").read_text()
    assert "system-ui" in css
    assert "GDS Transport" not in css


def test_home_needs_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


@pytest.mark.password_only
def test_sign_in_with_the_right_password_and_code_shows_a_home_page_for_the_role(client, password):
    user = UserFactory(role=Role.DSL, display_name="Dana Example")
    device = authenticator_for(user)
    response = client.post(reverse("login"), {"username": user.email, "password": password}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor:verify"))
    response = client.post(response.redirect_chain[-1][0], {"code": code_now(device)}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Signed in as <strong>Dana Example</strong> (Designated safeguarding lead)" in html
    assert "You are signed in as a designated safeguarding lead." in html
    assert_portal_layout(html)


def test_sign_in_with_a_wrong_password_shows_an_error_summary(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.email, "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter a correct email address and password." in html
    assert "<title>Error: Sign in" in html


def test_sign_out_ends_the_session(client, password):
    user = UserFactory(role=Role.TASKFORCE)
    client.login(email=user.email, password=password)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize(
    ("role", "sentence"),
    [
        (Role.TASKFORCE, "You are signed in as a SAFE taskforce officer."),
        (Role.IG_OFFICER, "You are signed in as an information-governance officer."),
        (Role.INTERVENTION_WORKER, "You are signed in as an intervention worker."),
        (Role.HEAD_TEACHER, "You are signed in as a head teacher."),
    ],
)
def test_the_home_page_names_the_role_as_a_sentence_would(client, password, role, sentence):
    """Lower-casing the label wrote "safe taskforce officer"."""
    user = UserFactory(role=role)
    client.login(email=user.email, password=password)
    assert sentence in client.get(reverse("home")).content.decode()


def test_a_user_without_a_role_is_told_so(client, password):
    user = UserFactory()
    client.login(email=user.email, password=password)
    assert "Your account has no role yet" in client.get(reverse("home")).content.decode()


def test_the_privacy_notice_lists_the_feed_register(client):
    FeedFactory(
        code="police_incidents",
        name="Police incidents",
        owner_agency="Northbridge Police",
        purpose="Arrests and incidents involving young people",
        lawful_basis="Crime and Disorder Act 1998 s.115",
        retention_months=72,
        default_sensitivity=Sensitivity.PARTNER,
    )
    html = client.get(reverse("privacy")).content.decode()
    assert "Police incidents" in html
    assert "Northbridge Police" in html
    assert "Crime and Disorder Act 1998 s.115" in html
    assert "72 months" in html


def test_not_found_pages_use_the_layout_and_reveal_nothing(client, password):
    user = UserFactory(role=Role.HEAD_TEACHER)
    client.login(email=user.email, password=password)
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<title>Page not found – SAFE portal" in html
    assert_portal_layout(html)
    assert "Traceback" not in html
    # Who sees which records, as the access layer decides it: the taskforce's caseload
    # is flagged as well as referred young people.
    assert "the taskforce sees young people with a trigger point or a referral" in html


@pytest.mark.parametrize(
    ("url_name", "args"),
    [("api_tokens:index", []), ("chronology:register_edit", ["health"]), ("risk:indicator_new", [])],
)
def test_number_fields_are_gov_uk_text_inputs_with_a_number_pad(client, url_name, args):
    """The number fields of the administrator's forms (days, months, weights, thresholds)
    are GOV.UK text inputs with inputmode="numeric", not number inputs, which change their
    value when scrolled over (GOV.UK's advice)."""
    FeedFactory(code="health")
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    html = client.get(reverse(url_name, args=args)).content.decode()
    assert 'type="number"' not in html
    numbers = re.findall(r'<input[^>]*inputmode="numeric"[^>]*>', html)
    assert numbers
    assert all('type="text"' in field and 'class="govuk-input' in field for field in numbers), numbers


@pytest.mark.parametrize(("url", "role"), [("/sign-in/", None), ("/admin/", Role.ADMINISTRATOR)])
def test_every_page_names_the_portals_own_icon(client, url, role):
    """Without one a browser asks for /favicon.ico on every page and logs its 404."""
    if role:
        client.force_login(user_with_role(role))
    html = client.get(url).content.decode()
    href = re.search(r'<link rel="icon" href="/static/([^"]+)" type="image/svg\+xml">', html).group(1)
    icon = finders.find(href)
    assert icon, href
    with open(icon) as svg:
        assert svg.read().startswith("<svg ")


def test_the_error_page_names_the_icon_too():
    """The 500 page stands alone (it must render when the rest cannot), so it names the
    icon itself."""
    icon = '<link rel="icon" href="/static/build/favicon.svg" type="image/svg+xml">'
    assert icon in render_to_string("500.html")
