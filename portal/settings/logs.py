"""Server logging and error reports, scrubbed of personal data; imported by base.py.
(Not named logging.py, so that nothing here can shadow the standard library's module.)"""

import logging

from django.core.exceptions import ImproperlyConfigured

from portal.settings.environment import env

# Python's logging knows its levels in capitals only, and an unknown one stops every
# process with "Unable to configure root logger", which names no variable.
LOG_LEVEL = env("LOG_LEVEL", default="INFO").upper()
if LOG_LEVEL not in logging.getLevelNamesMapping():
    raise ImproperlyConfigured(f"LOG_LEVEL is set to {LOG_LEVEL!r}: use DEBUG, INFO, WARNING or ERROR.")

# No personal data in server logs or error reports (docs/security.md): every handler
# scrubs query strings, emails and identifiers; error reports show no request data or
# local variables.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "portal.log_privacy.NoPersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_personal_data"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.log_privacy.NoPersonalDataReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "portal.log_privacy.NoPersonalDataExceptionReporter"
