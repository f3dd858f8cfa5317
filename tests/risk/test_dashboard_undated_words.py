"""A head teacher and the DSL of one school once read different changes since the first
of the month with nothing to say why: a flag the head teacher may not name has no date
for them, so their changes count it as it is now, and the DSL's as it stood. The head
teacher is told so, by role (whether such a flag came or went must not show in the
sentence either)."""

import pytest
from django.urls import reverse

from tests.page_text import page_text
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
WHY = (
    "An additional factor known to partner agencies has no date for you, so changes count it "
    "as it is now: a colleague who may see it can read a different change."
)


@pytest.mark.parametrize("page", [reverse("trigger_points:dashboard"), reverse("home")])
def test_the_head_teacher_is_told_why_a_colleague_may_read_another_change(page):
    world = build_world()
    assert WHY in page_text(client_for(world.head).get(page))
    assert WHY not in page_text(client_for(world.dsl).get(page))
