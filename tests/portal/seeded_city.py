"""One small demo city per test module that reads what seed_demo built (it takes most of
twenty seconds): a module makes its own with `seeded = seeded_city()`."""

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tests.portal.test_seed_demo import SMALL

__all__ = ["SMALL", "seeded_city"]


def seeded_city() -> Callable:
    @pytest.fixture(scope="module")
    def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
        """Built in a transaction that stays open for the module and is rolled back after
        it; each test's own transaction is a savepoint inside it. Returns the feed files'
        folder and what the command printed."""
        root = tmp_path_factory.mktemp("seeded")
        out_dir, printed = root / "feeds", io.StringIO()
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=root / "media"), transaction.atomic():
            call_command("seed_demo", *SMALL, "--out", str(out_dir), stdout=printed)
            yield out_dir, printed.getvalue()
            transaction.set_rollback(True)

    return seeded
