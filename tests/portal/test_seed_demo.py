"""`seed_demo` end to end: the city flows through the real importer (FEEDS.md files in,
feed runs, source records and links out). These tests need chronology.services.imports
and chronology.services.register (the importer)."""

import re

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from chronology.models import FeedRun
from portal.demo.spec import FEED_COLUMNS
from schools.models import School
from tests.factories.schools import SchoolFactory

pytestmark = pytest.mark.django_db

SMALL = ["--seed", "7", "--pupils", "150", "--schools", "2", "--attendance-weeks", "2"]
SMALL += ["--as-of", "2026-03-10"]


def test_seed_demo_refuses_under_production_settings(settings, tmp_path):
    settings.DEMO = False
    with pytest.raises(CommandError, match="refuses to run under production settings"):
        call_command("seed_demo", *SMALL, "--out", str(tmp_path / "feeds"))
    assert not (tmp_path / "feeds").exists()
    assert not School.objects.exists()
    assert not User.objects.exists()


def test_seed_demo_if_empty_leaves_an_existing_city_alone(tmp_path, capsys):
    SchoolFactory()
    call_command("seed_demo", "--if-empty", *SMALL, "--out", str(tmp_path))
    assert "leaves it as it is" in capsys.readouterr().out
    assert School.objects.count() == 1
    assert not FeedRun.objects.exists()
    assert not any(tmp_path.iterdir())


def test_files_only_writes_the_sample_files_and_imports_nothing(tmp_path):
    call_command("seed_demo", *SMALL, "--out", str(tmp_path), "--files-only")
    names = {p.name for p in tmp_path.iterdir()}
    weekly = {n for n in names if re.fullmatch(r"attendance-to-\d{4}-\d{2}-\d{2}\.csv", n)}
    assert 1 <= len(weekly) <= 3  # two school weeks, cut at the as-of day's weekday
    assert names - weekly == {f"{feed}.csv" for feed in FEED_COLUMNS if feed != "attendance"}
    assert not School.objects.exists()
    assert not User.objects.exists()


def test_bad_options_are_refused_with_a_reason(tmp_path):
    with pytest.raises(CommandError, match="at least 2 schools"):
        call_command("seed_demo", "--schools", "1", "--out", str(tmp_path))
