"""A world built once for a module (tests/built_once.py) is as each of its tests found it
when built: whatever one test writes, in the database or the media folder, is gone for
the next, as with a world built per test."""

from pathlib import Path

import pytest
from django.conf import settings

from schools.models import School
from tests.built_once import built_once_per_module
from tests.factories import SchoolFactory


def _school_and_a_file() -> int:
    (Path(settings.MEDIA_ROOT) / "as-built.txt").write_text("as built")
    return SchoolFactory(name="As built").pk


school, _media_in_tmp = built_once_per_module(_school_and_a_file, name="school")


@pytest.mark.django_db
@pytest.mark.parametrize("test", ["first", "second"])
def test_what_a_test_writes_is_gone_for_the_next(school, test):
    media = Path(settings.MEDIA_ROOT)
    assert School.objects.get(pk=school).name == "As built"
    assert sorted(p.name for p in media.iterdir()) == ["as-built.txt"]
    assert (media / "as-built.txt").read_text() == "as built"

    School.objects.filter(pk=school).update(name=f"Changed by the {test} test")
    SchoolFactory(name=f"Added by the {test} test")
    (media / "as-built.txt").write_text(f"changed by the {test} test")
    (media / f"{test}.txt").write_text("added")

    assert not School.objects.filter(name__startswith="Added by").exclude(name__endswith=f"{test} test")
