"""Server logging and error reports, scrubbed of personal data; imported by base.py.
(Not named logging.py, so that nothing here can shadow the standard library's module.)"""

from portal.settings.environment import env

# No personal data in server logs or error reports (docs/security.md): every handler
# scrubs query strings, emails and identifiers; error reports show no request data or
# local variables.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "portal.log_privacy.NoPersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_personal_data"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.log_privacy.NoPersonalDataReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "portal.log_privacy.NoPersonalDataExceptionReporter"
