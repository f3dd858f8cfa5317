"""Walks every named URL as every kind of visitor against tests/accounts/access_matrix.py."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Notification
from accounts.roles import Role
from stewardship.services.holds import legal_hold_set
from stewardship.services.retention import apply_retention
from tests.accounts.access_matrix import ACTORS, EXPECTED, URL_KWARGS
from tests.factories import AccessLogEntryFactory, BreakGlassFactory, EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.chronology import queued_link_review, reported_link
from tests.factories.interventions import referrals_of
from tests.factories.risk import FlagFactory

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
def actors(password):
    school_a, school_b = SchoolFactory(), SchoolFactory()
    users = {
        Role.HEAD_TEACHER.value: school_staff(Role.HEAD_TEACHER, school_a),
        Role.DSL.value: school_staff(Role.DSL, school_a),
        "other_school_head_teacher": school_staff(Role.HEAD_TEACHER, school_b),
    }
    for role in (
        Role.TASKFORCE,
        Role.INTERVENTION_WORKER,
        Role.IG_OFFICER,
        Role.DATA_OFFICER,
        Role.ADMINISTRATOR,
    ):
        users[role.value] = user_with_role(role)
    clients = {"anonymous": Client()}
    for actor, user in users.items():
        clients[actor] = Client()
        assert clients[actor].login(email=user.email, password=password)
    pupil = EnrolmentFactory(school=school_a).person
    grant = BreakGlassFactory(person=pupil)
    entry = AccessLogEntryFactory(actor=grant.user, persons=[pupil], break_glass=grant)
    _, review, run = queued_link_review()
    flag = FlagFactory(person=EnrolmentFactory(school=school_a).person)
    referred = EnrolmentFactory(school=school_a).person
    referrals = referrals_of(referred, by=users[Role.DSL.value], worker=users[Role.INTERVENTION_WORKER.value])
    event, doubt = reported_link(pupil, reporter=users[Role.DSL.value])
    world = {
        "flag": flag.pk,
        "indicator": flag.indicator.code,
        "pupil": pupil.pk,
        "school": school_a.pk,
        "staff_user": users[Role.DSL.value].pk,
        "anomaly": f"break_glass:{entry.pk}",
        "feed": run.feed.code,
        "run": run.pk,
        "review": review.pk,
        "reset_uid": "MQ",
        "reset_token": "not-a-valid-token",
        "retention_run": apply_retention(by=None, dry_run=True).pk,
        "hold": legal_hold_set(
            by=users[Role.IG_OFFICER.value], person=pupil, reason="Claim", ends_on=timezone.localdate()
        ).pk,
        "referred": referred.pk,
        **referrals,
        "event": event.pk,
        "doubt": doubt.pk,
        "notification": Notification.objects.filter(user=users[Role.DSL.value]).latest("pk").pk,
    }
    return clients, world


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
