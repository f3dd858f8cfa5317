"""A head teacher and the DSL of one school once read different changes since the first
of the month with nothing to say why: a flag the head teacher may not name has no date
for them, so their changes count it as it is now, and the DSL's as it stood. The head
teacher is told so, by role (whether such a flag came or went must not show in the
sentence either)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.services.assignments import assign_school
from tests.factories import SchoolFactory
from tests.page_text import page_text
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
WHY = (
    "An additional factor known to partner agencies has no date you may see, so these changes "
    "count it as it is today. A colleague who may see it can read a different change."
)


@pytest.mark.parametrize("page", [reverse("trigger_points:dashboard"), reverse("home")])
def test_the_head_teacher_is_told_why_a_colleague_may_read_another_change(page):
    world = build_world()
    assert WHY in page_text(client_for(world.head).get(page))
    assert WHY not in page_text(client_for(world.dsl).get(page))


def test_the_dashboard_names_the_viewers_schools():
    """A head teacher opening it read "Trigger points at your school", and the home page
    named no school at all."""
    world = build_world()
    school = world.head.school_assignments.get().school
    assert f"Trigger points at {school.name}" in page_text(client_for(world.head).get(reverse("home")))
    second = SchoolFactory(name="Aldgate Primary School")
    assign_school(by=None, user=world.head, school=second, role=Role.HEAD_TEACHER)
    html = page_text(client_for(world.head).get(reverse("trigger_points:dashboard")))
    assert f"Trigger points at Aldgate Primary School and {school.name}" in html
