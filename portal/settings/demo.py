"""The embedded demo: SQLite, eager Celery, debug pages. Never for real data."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
DEMO = True
