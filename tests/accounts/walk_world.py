"""The walks' world: a user of each actor and the records the access matrix's URL
arguments name. A module of walks (one test per actor) builds it once for all its tests
(tests/built_once.py); sign-ins stay per test, so no session a walk changes carries
over."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import Notification, User
from accounts.roles import Role
from interventions.models import Intervention, Referral
from risk.models import Flag
from schools.models import Person, School
from stewardship.services.holds import legal_hold_set
from stewardship.services.retention import apply_retention
from tests.built_once import built_once_per_module
from tests.factories import AccessLogEntryFactory, BreakGlassFactory, EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.accounts import TEST_PASSWORD
from tests.factories.chronology import queued_link_review, reported_link
from tests.factories.interventions import referrals_of
from tests.factories.risk import FlagFactory

ID_APART = (Person, School, Referral, Intervention, Flag)
"""Kinds of record whose ids a walk gives a parameter (test_record_text_walk.py)."""


def _ids_apart() -> None:
    """In a fresh test database records of different kinds share small ids, so a walk
    trying each record's id would try fewer ids than records: each kind's ids start at a
    million of its own."""
    with connection.cursor() as cursor:
        for n, model in enumerate(ID_APART, start=1):
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                " GREATEST(nextval(pg_get_serial_sequence(%s, 'id')), %s))",
                [model._meta.db_table, model._meta.db_table, n * 1_000_000],
            )


def build() -> tuple[dict[str, User], dict]:
    """The actors' users (every role; school A's head teacher and DSL, school B's head
    teacher) and the keys of the records the access matrix's URL arguments name."""
    _ids_apart()
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
    pupil = EnrolmentFactory(school=school_a).person
    grant = BreakGlassFactory(person=pupil)
    entry = AccessLogEntryFactory(actor=grant.user, persons=[pupil], break_glass=grant)
    _, review, run = queued_link_review()
    flag = FlagFactory(person=EnrolmentFactory(school=school_a).person)
    referred = EnrolmentFactory(school=school_a).person
    referrals = referrals_of(referred, by=users[Role.DSL.value], worker=users[Role.INTERVENTION_WORKER.value])
    event, doubt = reported_link(pupil, reporter=users[Role.DSL.value])
    keys = {
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
    return users, keys


def signed_in(users: dict[str, User]) -> dict[str, Client]:
    """A client per actor, each signed in as its user, and an anonymous one."""
    clients = {"anonymous": Client()}
    for actor, user in users.items():
        clients[actor] = Client()
        assert clients[actor].login(email=user.email, password=TEST_PASSWORD)
    return clients


@dataclass(frozen=True)
class World:
    users: dict[str, User]
    keys: dict
    added: object
    """What the module built on the world."""


def module_world(add: Callable[[dict, dict[str, User]], object]) -> tuple[Callable, Callable]:
    """The fixtures of a module of walks (tests/built_once.py): `walk_world`, the world
    with what `add(keys, users)` builds on it, built once for the module; and the
    `_media_in_tmp` that copies its files for each test. A module takes both:
    `walk_world, _media_in_tmp = module_world(...)`."""

    def make() -> World:
        users, keys = build()
        return World(users, keys, add(keys, users))

    return built_once_per_module(make, name="walk_world")
