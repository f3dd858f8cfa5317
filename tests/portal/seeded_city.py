"""One small demo city per test module that reads what seed_demo built (it takes most of
twenty seconds): a module makes its own with `seeded = seeded_city()`, or one city per
moment with `seeded_city(moment, ...)`, each seeded and read with the portal's clock
running from that moment."""

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime
from unittest import mock

import axes.attempts
import axes.handlers.proxy
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tests.portal.test_seed_demo import SMALL

__all__ = ["SMALL", "seeded_city"]


def seeded_city(*moments: datetime) -> Callable:
    @pytest.fixture(scope="module", params=moments or [None], ids=lambda m: m and f"{m:%a-%H%M}")
    def seeded(request, django_db_setup, django_db_blocker, tmp_path_factory):
        """Built in a transaction that stays open for the module and is rolled back after
        it; each test's own transaction is a savepoint inside it. Returns the feed files'
        folder and what the command printed."""
        root = tmp_path_factory.mktemp("seeded")
        out_dir, printed = root / "feeds", io.StringIO()
        clock = nullcontext() if request.param is None else _running_from(request.param)
        with (
            clock,
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=root / "media"),
            transaction.atomic(),
        ):
            call_command("seed_demo", *SMALL, "--out", str(out_dir), stdout=printed)
            yield out_dir, printed.getvalue()
            transaction.set_rollback(True)

    return seeded


@contextmanager
def _running_from(moment: datetime) -> Iterator[None]:
    """The portal's `now` starts at `moment` and keeps time from there, so a city seeded
    in a few seconds is still seeded at that hour of that day, whenever the tests run.
    django-axes stamps and counts failures by the `now` it imported, which is set too:
    failures stamped on one clock and counted on the other were never recent, and nobody
    was locked out."""
    real_now = timezone.now
    began = real_now()

    def now() -> datetime:
        return moment + (real_now() - began)

    with (
        mock.patch.object(timezone, "now", now),
        mock.patch.object(axes.attempts, "now", now),
        mock.patch.object(axes.handlers.proxy, "now", now),
    ):
        yield
