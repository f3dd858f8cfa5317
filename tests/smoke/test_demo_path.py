"""The demo path on SQLite, as `make demo` runs it: migrate (done by the test database
set-up), seed a small city through the importer, and render the main pages for each
demo user. The rest of the suite runs on PostgreSQL."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from accounts.models import User
from chronology.models import FeedRun
from portal.demo.users import DEMO_PASSWORD
from schools.models import School

pytestmark = [pytest.mark.demo_smoke, pytest.mark.django_db(transaction=True)]


def test_the_demo_city_seeds_and_every_demo_user_sees_their_pages(tmp_path, capsys, caplog):
    assert connection.vendor == "sqlite"
    call_command(
        "seed_demo",
        *["--seed", "3", "--schools", "2", "--pupils", "120", "--attendance-weeks", "1"],
        *["--as-of", "2026-03-10", "--out", str(tmp_path)],
    )
    assert School.objects.count() == 2
    assert not FeedRun.objects.exclude(status=FeedRun.Status.COMPLETED).exists()
    assert "Demo users: 8, one per role" in capsys.readouterr().out
    call_command("demo_sign_ins")
    assert "admin@northbridge.example" in capsys.readouterr().out
    # What `make demo` prints is the city and the sign-ins, not the seed's own log lines
    # (its sign-ins, its eager imports' task results, a broker it does not use).
    assert [f"{r.name}: {r.getMessage()}" for r in caplog.records] == []

    assert User.objects.filter(is_service_account=True).count() == 1
    users = User.objects.filter(is_active=True, is_service_account=False)
    assert users.count() == 8
    for user in users:
        client = Client()
        assert client.login(email=user.email, password=DEMO_PASSWORD), user.email
        home = client.get("/")
        assert home.status_code == 200, user.email
        for link in home.context["navigation"]:
            response = client.get(link["href"])
            assert response.status_code == 200, (user.email, link["href"])
            assert b"govuk-header" in response.content
