"""The home page a head teacher or DSL opens first: their school's trigger points today,
as the dashboard counts them, each count opening the list it counts."""

import re

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from tests.asked_twice import asked_twice
from tests.factories.access import user_with_role
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db


def _count_linking_to(html: str, href: str) -> int:
    match = re.search(rf'href="{re.escape(href)}">(\d+)<', html)
    assert match, href
    return int(match.group(1))


def test_school_staff_start_with_their_schools_trigger_points_today():
    world = build_world()
    for user in (world.head, world.dsl):
        client = client_for(user)
        html = client.get(reverse("home")).content.decode()
        listed = client.get(reverse("trigger_points:flagged")).context["page"].paginator.count

        school = user.school_assignments.get().school.name
        assert f"Trigger points at {school} today" in html
        assert "prompts for professional judgement" in html
        assert _count_linking_to(html, reverse("trigger_points:flagged")) == listed
        for person in (world.absent, world.suspended, world.elsewhere):
            assert person.surname not in html


def test_the_home_page_names_nobody_so_logs_nothing_and_other_roles_see_no_school_counts():
    world = build_world()
    before = AccessLogEntry.objects.count()
    client_for(world.head).get(reverse("home"))
    assert AccessLogEntry.objects.count() == before
    html = client_for(world.taskforce).get(reverse("home")).content.decode()
    assert "Trigger points at" not in html


def test_each_roles_home_page_asks_the_database_nothing_twice():
    """The counts share one reading of the user's scope and of the portal's trigger-point
    switch, as every other page does (accounts.access.signed_in_page): the taskforce's
    home page read its scope three times and the switch seven."""
    world = build_world()
    users = [world.head, world.dsl, world.taskforce]
    users += [user_with_role(role) for role in (Role.INTERVENTION_WORKER, Role.IG_OFFICER, Role.DATA_OFFICER)]
    for user in users:
        assert asked_twice(client_for(user), reverse("home")) == [], user.role
