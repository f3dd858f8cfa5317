"""The embedded demo: SQLite, eager Celery. Never for real data.

Not in debug mode unless DEBUG is set: people judge the portal by the demo, and an
unknown address should show the portal's own "Page not found", not Django's list of
every URL. `make demo` serves the static files itself (runserver --insecure), as the
browser tests' server does."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import env

DEBUG = env.bool("DEBUG", default=False)
DEMO = True
