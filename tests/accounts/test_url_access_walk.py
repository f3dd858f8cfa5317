"""Walks every named URL as every kind of visitor against tests/accounts/access_matrix.py."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.accounts import walk_world
from tests.accounts.access_matrix import ACTORS, EXPECTED, URL_KWARGS

pytestmark = pytest.mark.django_db


def _views(patterns: list, namespace: str = "") -> dict[str, object]:
    """URL name -> view, for every named URL outside the Django admin's internals."""
    views = {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            views |= _views(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and namespace != "admin:":
            assert pattern.name, f"URL pattern {pattern.pattern} has no name, so it cannot be in the matrix."
            views[namespace + pattern.name] = pattern.callback
    return views


ALL_VIEWS = _views(get_resolver().url_patterns)


def test_every_url_has_an_access_expectation():
    missing = ({*ALL_VIEWS, "admin:index"}) - set(EXPECTED)
    assert not missing, f"Add these URLs to tests/accounts/access_matrix.py: {sorted(missing)}"


def test_every_expectation_names_every_actor():
    for name, expected in EXPECTED.items():
        assert set(expected) == set(ACTORS), name


@pytest.fixture
def actors():
    """A client per actor, signed in, and the keys of the world's records."""
    users, world = walk_world.build()
    return walk_world.signed_in(users), world


def test_each_url_answers_each_actor_as_the_matrix_says(actors):
    clients, world = actors
    failures = []
    for name, expected in EXPECTED.items():
        kwargs = {arg: world[key] for arg, key in URL_KWARGS.get(name, {}).items()}
        url = reverse(name, kwargs=kwargs)
        for actor, status in expected.items():
            got = clients[actor].get(url).status_code
            if got != status:
                failures.append(f"{name} as {actor}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)


def test_every_record_view_is_role_gated_and_logged():
    """A view that shows children's records must be behind role_required (which also
    logs refusals outside the view's transaction) and inside @shows_records."""
    record_views = {name for name, view in ALL_VIEWS.items() if getattr(view, "shows_records", False)}
    assert {"young_person_list", "young_person_detail", "young_person_break_glass"} <= record_views
    for name in record_views:
        assert getattr(ALL_VIEWS[name], "allowed_roles", None), name
