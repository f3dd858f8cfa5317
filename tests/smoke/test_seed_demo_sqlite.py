"""`make demo` runs on SQLite: the demo city must seed there too (run by `make test` with
DATABASE_URL pointing at a scratch SQLite file). Needs the importer."""

import pytest
from django.core.management import call_command
from django.db import connection

from chronology.models import FeedRun
from schools.models import School

pytestmark = [pytest.mark.demo_smoke, pytest.mark.django_db]


def test_seed_demo_builds_a_small_city_on_sqlite(tmp_path, capsys):
    assert connection.vendor == "sqlite"
    call_command(
        "seed_demo",
        *["--pupils", "120", "--schools", "2", "--attendance-weeks", "1", "--as-of", "2026-03-10"],
        *["--out", str(tmp_path)],
    )
    assert School.objects.count() == 2
    assert not FeedRun.objects.exclude(status=FeedRun.Status.COMPLETED).exists()
    assert "admin@northbridge.example" in capsys.readouterr().out
