import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from portal.settings.base import without_jit

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "9f8e7d6c5b4a3928171615141312111009080706"
GOOD_LOG_KEY = "l" * 16 + "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
# What else production requires, beside the keys and hosts these tests leave out in turn.
DEPLOYED = {
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "PORTAL_BASE_URL": "https://safe.example.org",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "ACCESS_LOG_HMAC_KEY"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="safe.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the hosts" in result.stderr


def test_production_refuses_to_start_without_an_access_log_key():
    result = run_manage("check", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="safe.example.org")
    assert result.returncode != 0
    assert "ACCESS_LOG_HMAC_KEY must be set" in result.stderr


def test_deploy_check_passes_with_real_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="safe.example.org",
        ACCESS_LOG_HMAC_KEY=GOOD_LOG_KEY,
        **DEPLOYED,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _cache_backend(**env: str) -> str:
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="safe.example.org",
        ACCESS_LOG_HMAC_KEY=GOOD_LOG_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/safe",
        **{**DEPLOYED, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_shares_throttle_counts_between_processes_through_redis():
    """API limits are counted in the cache; a per-process cache would let each gunicorn
    worker allow the whole rate."""
    redis = "django.core.cache.backends.redis.RedisCache"
    assert _cache_backend(REDIS_URL="redis://127.0.0.1:6379/0") == redis
    assert _cache_backend(CACHE_URL="redis://127.0.0.1:6379/4") == redis
    assert _cache_backend(REDIS_URL="", CELERY_BROKER_URL="redis://127.0.0.1:6379/1") == redis


@pytest.mark.django_db
def test_the_portals_database_connections_run_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_jit_is_switched_off_beside_options_the_database_url_already_gives():
    given = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"options": "-c work_mem=64MB"}}
    database = without_jit(given)
    assert database["OPTIONS"]["options"] == "-c work_mem=64MB -c jit=off"
    assert without_jit({"ENGINE": "django.db.backends.sqlite3"}) == {"ENGINE": "django.db.backends.sqlite3"}


def test_the_demo_shows_the_portals_own_error_pages_unless_debug_is_asked_for():
    """People judge the portal by `make demo`: an unknown address there should read
    "Page not found", not Django's list of every URL the portal has."""
    show_debug = "from django.conf import settings; print(settings.DEBUG)"
    environment = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    environment["DJANGO_SETTINGS_MODULE"] = "portal.settings.demo"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", show_debug],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "False", result.stderr
    demo_recipe = (ROOT / "Makefile").read_text().split("\ndemo:")[1].split("\n\n")[0]
    assert "runserver --insecure" in demo_recipe, (
        "without debug, runserver serves static files only with --insecure"
    )
