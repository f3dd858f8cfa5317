"""The test suite runs on PostgreSQL, the system of record."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import EAGER_BROKER_URL, env, shared_by_people_at_once, without_jit

DATABASES = {
    "default": shared_by_people_at_once(
        without_jit(env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/safe"))
    ),
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The demo path's tests (tests/smoke) on a file, as `make demo` runs, not in memory:
    # SQLite's shared in-memory database locks by table and never waits.
    DATABASES["default"]["TEST"] = {"NAME": f"{DATABASES['default']['NAME']}.test"}
DEMO = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or EAGER_BROKER_URL
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=env("TEST_REDIS_URL", default="")) or None
