"""What a newcomer's `make demo` prints first: Django's system checks on SQLite, the
demo's database, say nothing is wrong (the flags' covering index is a PostgreSQL
feature that SQLite holds as a plain index; see portal/settings/base.py). The other
check silenced, on every database, is axes' warning about a sign-in lockout by account
alone (portal/settings/security.py)."""

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = [pytest.mark.demo_smoke, pytest.mark.django_db]


def test_the_system_checks_find_no_issues_on_sqlite(capsys):
    assert connection.vendor == "sqlite"
    call_command("check", "--database", "default")
    out, err = capsys.readouterr()
    assert "System check identified no issues (2 silenced)" in out
    assert err == ""
