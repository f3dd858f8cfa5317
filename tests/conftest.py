import os
import subprocess
import sys
import uuid
from pathlib import Path

import factory.random
import pgtrigger
import pytest
from django.db import connection
from django.test import Client, TransactionTestCase

from tests.factories.accounts import TEST_PASSWORD

ROOT = Path(__file__).resolve().parent.parent


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """How pytest-xdist shares out the suite (`make test` runs two workers): as its own
    `load` does, except that the browser journeys (tests/browser/) all go to one worker,
    in one batch before anything else it runs: their worker builds the journeys' demo city
    and walks them while the other starts on the rest.

    Not with `xdist_group` marks and `--dist loadgroup`: pytest-xdist 3.8 groups marked
    tests by renaming `item._nodeid`, which pytest 9 no longer reads, so under pytest 9.2
    the marks group nothing. Nor with a scheduler built on its loadscope/loadgroup ones:
    they track tests by node id, and Schemathesis gives its 34 API operations one node id
    between them, so 33 of them silently never ran. `load` tracks tests by index."""
    from xdist.scheduler import LoadScheduling

    if config.getvalue("dist") != "load":
        return None

    class JourneysTogether(LoadScheduling):
        journey_node = None

        def _send_tests(self, node, num: int) -> None:
            journeys = {i for i in self.pending if self.collection[i].startswith("tests/browser/")}
            if journeys and self.journey_node not in self.node2pending:
                self.journey_node = node  # the first worker given work (or its successor after a crash)
            if journeys and node is self.journey_node:
                self.pending[:] = [i for i in self.pending if i not in journeys]
                batch = sorted(journeys)
            else:
                batch = [i for i in self.pending if i not in journeys][:num]
                sent = set(batch)
                self.pending[:] = [i for i in self.pending if i not in sent]
            if batch:
                self.node2pending[node].extend(batch)
                node.send_runtest_some(batch)

    return JourneysTogether(config, log)


@pytest.fixture(autouse=True)
def _the_same_names_every_run(request):
    """Factories draw the same names and values on every run of a test (seeded by its
    id): a test asserting that one person is not on a page once passed or failed by
    chance, as a namesake was drawn or not. A seed that draws a namesake now fails on
    every run, and is fixed once."""
    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _throttle_counts_start_at_zero():
    """The API's throttle counts live in the default cache, a per-process memory cache in
    tests: without this, calls from one address (the test client's) in earlier tests
    would count against later ones."""
    from django.core.cache import cache

    cache.clear()


# The access-log tables refuse TRUNCATE (accounts.models.access_log.append_only), and
# pytest-django empties the database after a transactional test with TRUNCATE. Only that
# flush, and only the TRUNCATE triggers, are let through; row triggers stay in force.
LOG_TRUNCATE_TRIGGERS = (
    "accounts.AccessLogEntry:entry_no_truncate",
    "accounts.AccessLogSubject:subject_no_truncate",
    "accounts.AccessLogSeal:seal_no_truncate",
    "accounts.ChangeLogEntry:change_no_truncate",
)


@pytest.fixture(autouse=True, scope="session")
def _flush_may_truncate_the_logs():
    flush = TransactionTestCase._fixture_teardown

    def flush_ignoring_log_truncate_triggers(self: TransactionTestCase) -> None:
        with pgtrigger.ignore(*LOG_TRUNCATE_TRIGGERS):
            flush(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", flush_ignoring_log_truncate_triggers)
        yield


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


@pytest.fixture(autouse=True)
def _sign_ins_pass_the_second_factor(request):
    """Every page needs two factors (docs/security.md). So that tests of everything else
    need not type a code, `client.login` and `client.force_login` also verify the session
    with a test authenticator, as if its code had been entered. Tests of the two-factor
    sign-in itself opt out with `@pytest.mark.password_only`."""
    if request.node.get_closest_marker("password_only"):
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "_login", _login_with_second_factor)
        yield


_client_login = Client._login


def _login_with_second_factor(self: Client, user, backend=None) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _client_login(self, user, backend)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    session = self.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker process on the local Redis, using the test database.

    Each test gets its own queue (send with ``apply_async(queue=celery_worker)``) so that
    parallel runs on one Redis never take each other's tasks."""
    from portal.celery import app

    broker = os.environ.get("TEST_REDIS_URL")
    if not broker:
        pytest.fail("TEST_REDIS_URL is not set: run the suite with `make test`.")
    queue = f"test-{uuid.uuid4().hex}"
    db = connection.settings_dict
    db_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": db_url,
        "CELERY_BROKER_URL": broker,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
    )
    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)
    _forget_broker_connections(app)
    try:
        yield queue
    finally:
        app.conf.update(saved)
        _forget_broker_connections(app)
        worker.terminate()
        worker.wait(timeout=30)


def _forget_broker_connections(app) -> None:
    """Celery caches its producer pool on first use; drop it so the new broker URL applies."""
    app._pool = None
    app.amqp._producer_pool = None
