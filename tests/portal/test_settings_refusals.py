"""A deployment's missing or mistyped variable stops the portal at start with a sentence
naming the variable (docs/deployment.md), not a traceback from deep in a library or a
portal that starts and fails later: tasks run inside web requests, links in emails point
at 127.0.0.1, every page answers 400, every API request 500."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHAT_A_DEPLOYMENT_SETS = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k" * 20 + "9f8e7d6c5b4a3928171615141312111009080706",
    "ACCESS_LOG_HMAC_KEY": "l" * 16 + "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    "ALLOWED_HOSTS": "safe.council.example",
    "DATABASE_URL": "postgres://safe_app@db.internal:5432/safe",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "PORTAL_BASE_URL": "https://safe.council.example",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}
READ_FROM_THE_ENVIRONMENT = {
    *WHAT_A_DEPLOYMENT_SETS,
    "CELERY_BROKER_URL",
    "CACHE_URL",
    "DEBUG",
    "EMAIL_USE_TLS",
    "SESSION_IDLE_MINUTES",
    "SESSION_WARNING_MINUTES",
    "SIGN_IN_FAILURE_LIMIT",
    "BREAK_GLASS_HOURS",
    "API_TOKEN_MAX_DAYS",
    "FEED_UPLOAD_MAX_MB",
    "API_THROTTLE_RATE",
    "LOG_LEVEL",
    "SECURE_SSL_REDIRECT",
    "TRUSTED_PROXY_COUNT",
    "TRUST_X_FORWARDED_PROTO",
    "FEED_OVERDUE_GRACE_HOURS",
    "EMAIL_PORT",
    "SECURE_HSTS_SECONDS",
}


def start(*command: str, **changes: str | None) -> subprocess.CompletedProcess:
    """`manage.py check` (what every process does first: load the settings), or another
    `command`, under the variables a deployment sets, with some changed (None: not set
    at all)."""
    environment = {k: v for k, v in os.environ.items() if k not in READ_FROM_THE_ENVIRONMENT}
    environment.update(WHAT_A_DEPLOYMENT_SETS)
    for name, value in changes.items():
        environment.pop(name, None)
        if value is not None:
            environment[name] = value
    return subprocess.run(
        [sys.executable, "manage.py", *(command or ("check",))],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def refusal(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, "the portal started"
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: "), result.stderr
    return last_line


def test_what_a_deployment_sets_is_enough():
    result = start()
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_task_queue():
    """Without a broker every task would run eagerly inside the web request that started
    it (a city's attendance file inside a gunicorn worker's timeout), and the worker and
    beat would talk to an in-process queue nobody else reads."""
    assert "CELERY_BROKER_URL or REDIS_URL" in refusal(start(REDIS_URL=None))
    assert start(REDIS_URL=None, CELERY_BROKER_URL="redis://redis.internal:6379/1").returncode == 0


@pytest.mark.parametrize("url", ["sqlite:////var/safe/db.sqlite3", "mysql://safe@db.internal/safe"])
def test_production_refuses_a_database_other_than_postgresql(url):
    """The access log's append-only triggers exist only on PostgreSQL."""
    assert "DATABASE_URL must point at the PostgreSQL" in refusal(start(DATABASE_URL=url))


def test_a_mistyped_database_url_is_named():
    line = refusal(start(DATABASE_URL="postgres//safe_app@db.internal/safe"))
    assert "DATABASE_URL" in line


@pytest.mark.parametrize(
    ("name", "value"),
    [("SESSION_IDLE_MINUTES", "thirty"), ("EMAIL_USE_TLS", "ture")],
)
def test_a_value_that_is_not_a_number_or_yes_or_no_is_named(name, value):
    """A mistyped yes or no is not read as no: EMAIL_USE_TLS=ture would send mail in clear."""
    line = refusal(start(**{name: value}))
    assert name in line
    assert repr(value) in line


@pytest.mark.parametrize("rate", ["600 per minute", "600/week", "lots/minute"])
def test_an_api_rate_the_throttle_cannot_read_stops_the_start_not_every_api_request(rate):
    assert "API_THROTTLE_RATE" in refusal(start(API_THROTTLE_RATE=rate))
    assert start(API_THROTTLE_RATE="1000/hour").returncode == 0


def test_an_unknown_log_level_is_named():
    assert "LOG_LEVEL" in refusal(start(LOG_LEVEL="verbose"))
    assert start(LOG_LEVEL="warning").returncode == 0


def test_allowed_hosts_given_as_addresses_rather_than_host_names_are_refused():
    """Django compares the Host header with each entry: with a URL there, every request
    would be a 400 Bad Request."""
    line = refusal(start(ALLOWED_HOSTS="https://safe.council.example/"))
    assert "ALLOWED_HOSTS" in line


def test_production_refuses_to_start_without_the_address_people_use():
    """Password-reset links, the only way a new user sets a first password, are built from
    PORTAL_BASE_URL: without it they would point at the demo's 127.0.0.1:8000."""
    assert "PORTAL_BASE_URL" in refusal(start(PORTAL_BASE_URL=None))
    assert "PORTAL_BASE_URL" in refusal(start(PORTAL_BASE_URL="safe.council.example"))


def test_production_refuses_to_print_emails_with_their_reset_links_to_the_console():
    """The console backend writes every email, password-reset links included, to the web
    process's output, which a deployment ships to its log store."""
    assert "EMAIL_BACKEND" in refusal(start(EMAIL_BACKEND=None))


@pytest.mark.parametrize("name", ["CACHE_URL", "REDIS_URL"])
def test_a_mistyped_cache_or_redis_url_is_named(name):
    assert name in refusal(start(**{name: "redis//redis.internal:6379/2"}))


@pytest.mark.parametrize(
    "name",
    [
        "SESSION_IDLE_MINUTES",
        "SIGN_IN_FAILURE_LIMIT",
        "BREAK_GLASS_HOURS",
        "API_TOKEN_MAX_DAYS",
        "FEED_UPLOAD_MAX_MB",
        "EMAIL_PORT",
    ],
)
def test_a_limit_or_period_of_zero_or_less_is_refused(name):
    """A zero is never what was meant: no session would outlive its first request, every
    sign-in would be locked out, no upload or token would be allowed."""
    assert name in refusal(start(**{name: "0"}))
    assert name in refusal(start(**{name: "-5"}))


@pytest.mark.parametrize("name", ["FEED_OVERDUE_GRACE_HOURS", "TRUSTED_PROXY_COUNT", "SECURE_HSTS_SECONDS"])
def test_a_grace_period_or_proxy_count_below_zero_is_refused_but_zero_is_taken(name):
    """FEED_OVERDUE_GRACE_HOURS=-48 showed every feed overdue two days before it was, and
    a negative proxy count was read as none, and browsers ignore a negative HSTS max-age.
    Zero means something for each: a feed is overdue as soon as its cadence has passed;
    no proxy stands in front; HSTS is switched off."""
    line = refusal(start(**{name: "-48"}))
    assert name in line
    assert "0 or more" in line
    assert start(**{name: "0"}).returncode == 0


def test_the_timeout_warning_comes_before_the_timeout():
    """A warning as long as the idle timeout would be shown on every page at once."""
    line = refusal(start(SESSION_IDLE_MINUTES="5"))
    assert "SESSION_WARNING_MINUTES" in line
    assert start(SESSION_IDLE_MINUTES="15", SESSION_WARNING_MINUTES="2").returncode == 0
