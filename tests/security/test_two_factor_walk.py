"""A password alone opens nothing: every URL of the portal, walked by every role signed
in with a password only, sends them to the second step (or is one of the few pages a
half-signed-in user needs)."""

import pytest
from django.urls import reverse

from accounts.middleware.two_factor import OPEN_BEFORE_SECOND_FACTOR
from tests.accounts.access_matrix import EXPECTED, URL_KWARGS
from tests.accounts.test_url_access_walk import actors  # noqa: F401 - the walk's world
from tests.factories.two_factor import authenticator_for

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]


def test_every_protected_url_needs_the_second_factor(actors, settings):  # noqa: F811
    # Every API call here is, to the API, one without credentials from one address: more
    # than a minute's allowance, which is not what this walk is about.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anonymous": "10000/minute",
        },
    }
    clients, world = actors
    set_up = reverse("two_factor:set_up")
    failures = []
    for name in EXPECTED:
        if name in OPEN_BEFORE_SECOND_FACTOR:
            continue
        kwargs = {arg: world[key] for arg, key in URL_KWARGS.get(name, {}).items()}
        url = reverse(name, kwargs=kwargs)
        for actor, client in clients.items():
            if actor == "anonymous":
                continue
            response = client.get(url)
            if name.startswith("api:"):
                # The API treats a password-only session as none: 401, and tokens instead.
                if response.status_code != 401:
                    failures.append(f"{name} as {actor}: {response.status_code}, not 401")
                continue
            if response.status_code != 302 or not response["Location"].startswith(set_up):
                failures.append(f"{name} as {actor}: {response.status_code} {response.get('Location')}")
    assert not failures, "\n".join(failures)


def test_a_user_with_an_authenticator_is_asked_for_its_code(actors):  # noqa: F811
    clients, _ = actors
    client = clients["dsl"]
    authenticator_for(_user(client))
    response = client.get(reverse("young_person_list") + "?q=x")
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:verify") + "?next=%2Fyoung-people%2F%3Fq%3Dx"


def test_the_pages_open_before_the_second_factor_show_no_navigation(actors):  # noqa: F811
    clients, _ = actors
    html = clients["taskforce"].get(reverse("two_factor:set_up")).content.decode()
    assert "Young people" not in html
    assert reverse("notifications:list") not in html
    assert "Sign out" in html


def _user(client):
    from accounts.models import User

    return User.objects.get(pk=client.session["_auth_user_id"])
