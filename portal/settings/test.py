"""The test suite runs on PostgreSQL, the system of record."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import EAGER_BROKER_URL, env, without_jit

DATABASES = {
    "default": without_jit(env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/safe")),
}
DEMO = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or EAGER_BROKER_URL
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=env("TEST_REDIS_URL", default="")) or None
