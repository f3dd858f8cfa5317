"""Settings shared by every environment, read from the environment with django-environ.

The defaults make `make demo` work with nothing installed (SQLite, eager Celery);
production.py removes the unsafe defaults.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-demo-key-never-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

COUNCIL_NAME = env("COUNCIL_NAME", default="Northbridge City Council")
# Where emails point people to; emails carry links, never personal data.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="safe-portal@northbridge.example")
SERVICE_NAME = "SAFE portal"

INSTALLED_APPS = [
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "guardian",
    "auditlog",
    "pgtrigger",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "crispy_forms",
    "crispy_forms_gds",
    "portal",
    "accounts",
    "schools",
    "chronology",
    "interventions",
    "risk",
    "stewardship",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.headers.SecurityHeadersMiddleware",
    # Before anything reads the session or the user: a NUL in the session cookie is a
    # database error for whatever looks the session up.
    "portal.input_guard.RefuseUnstorableInput",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.sessions.SessionLimitsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.service",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUDITLOG_LOGENTRY_MODEL = "accounts.ChangeLogEntry"
# auditlog's own migrations create its default table even when the model is swapped; that
# stray table (with a foreign key to users) would never be used, so it is not created.
# django-rest-knox's migrations likewise create its own token table, which the portal
# replaces with accounts.ApiToken (KNOX_TOKEN_MODEL below).
MIGRATION_MODULES = {"auditlog": None, "knox": None}
AUTHENTICATION_BACKENDS = [
    "accounts.auth_backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Two-factor sign-in (docs/security.md): a password alone opens nothing but the
# two-factor pages. Authenticator apps show the issuer next to the code.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="SAFE portal")
BACKUP_CODE_COUNT = 10
# Lockout of repeated failed sign-ins (django-axes): separately by the email tried and by
# the client address (read through TRUSTED_PROXY_COUNT only), for a cool-off period.
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGN_IN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "accounts.access_log.client.client_address"
AXES_USERNAME_CALLABLE = "accounts.auth_backends.lockout_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout.locked_out"
AXES_VERBOSE = False
# Requests under these paths answer to API tokens; a session that has not passed its
# second factor is treated there as no session at all.
TWO_FACTOR_API_PREFIXES = ("/api/",)

# Argon2id for every new or changed password; older hashes are upgraded at next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# A password reset link works once, for an hour.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3600)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-guardian: direct-FK object permission models only, no monkey-patching,
# and no anonymous user (anonymous visitors are never granted anything).
GUARDIAN_MONKEY_PATCH_USER = False
GUARDIAN_MONKEY_PATCH_GROUP = False
ANONYMOUS_USER_NAME = None

# How long a taskforce officer's recorded break-glass reason opens a record for.
BREAK_GLASS_HOURS = env.int("BREAK_GLASS_HOURS", default=4)
BREAK_GLASS_REASON_MIN_LENGTH = 20

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Feed files are kept outside the web root: no URL serves MEDIA_ROOT.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "uploads"))
FEED_UPLOAD_MAX_MB = env.int("FEED_UPLOAD_MAX_MB", default=200)
MEDIA_URL = "/uploads/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Headers (docs/security.md). No 'unsafe-inline' anywhere: scripts and styles are files
# of our own, and script tags carry the per-response nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sessions end after SESSION_IDLE_MINUTES without a request and SESSION_ABSOLUTE_HOURS
# after sign-in (accounts.middleware.sessions); production.py makes the cookies Secure.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_ABSOLUTE_HOURS = env.int("SESSION_ABSOLUTE_HOURS", default=10)
# People are warned this long before the idle timeout and can stay signed in
# (accounts.views.session_timeout).
SESSION_WARNING_MINUTES = env.int("SESSION_WARNING_MINUTES", default=5)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True

# Celery: Redis when configured; otherwise tasks run eagerly in-process (demo).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default=""))
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis gives a task that is not acknowledged within the visibility timeout (its default
# is one hour) to another worker. Imports are acknowledged when they end, so this must be
# well above the longest import; a task whose whole worker machine was lost waits this
# long to be redelivered (the run page says it failed long before, see below).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=12 * 3600)
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE

# The API (docs/api.md): tokens first, so a request without credentials gets 401 with
# a WWW-Authenticate header; the browser's session (with CSRF) second.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.authentication.TokenAuthentication",
        "portal.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["portal.api.permissions.RolesOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["portal.api.throttling.PerUserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env("API_THROTTLE_RATE", default="600/minute"),
        "anonymous": env("API_ANONYMOUS_THROTTLE_RATE", default="60/minute"),
    },
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
    "PAGE_SIZE": 50,
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
}
# API tokens (django-rest-knox): stored as a SHA-512 digest, shown once. An
# administrator sets each token's expiry; this is the longest they may choose.
KNOX_TOKEN_MODEL = "accounts.ApiToken"
REST_KNOX = {
    "TOKEN_MODEL": "accounts.ApiToken",
    "TOKEN_PREFIX": "safe_",
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_TTL": None,
    "AUTO_REFRESH": False,
}
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=366)
SPECTACULAR_SETTINGS = {
    "TITLE": "SAFE portal API",
    "VERSION": "1",
    "DESCRIPTION": (
        "The SAFE portal's REST API. Every endpoint applies the same access rules as the "
        "portal's pages, and every response that names a young person is written to the "
        "access log. See docs/api.md."
    ),
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SERVE_AUTHENTICATION": [
        "portal.api.authentication.TokenAuthentication",
        "portal.api.authentication.SessionAuthentication",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["portal.api.schema.only_the_api"],
    "ENUM_NAME_OVERRIDES": {
        "FeedRunStatusEnum": "chronology.models.FeedRun.Status",
        "SchoolStatusEnum": "schools.models.School.Status",
    },
}

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

# The access log (docs/access-log.md). The HMAC key signs every entry and chain link; it
# lives only in the environment, never in the database. production.py requires it.
ACCESS_LOG_HMAC_KEY = env("ACCESS_LOG_HMAC_KEY", default="insecure-demo-access-log-key")
# How many reverse proxies of ours append to X-Forwarded-For; 0 = the header is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Anomalies shown to IG: more distinct records than this in one clock hour, and access
# outside working hours (local time, start inclusive, end exclusive) or on these days.
ACCESS_ANOMALY_RECORDS_PER_HOUR = env.int("ACCESS_ANOMALY_RECORDS_PER_HOUR", default=40)
ACCESS_WORKING_HOURS = tuple(env.list("ACCESS_WORKING_HOURS", cast=int, default=[7, 19]))
ACCESS_WORKING_DAYS = tuple(env.list("ACCESS_WORKING_DAYS", cast=int, default=[1, 2, 3, 4, 5]))

# An unfinished import that has shown no sign of life for this long, and holds no lock,
# was lost: its run is sent to the queue again or marked failed
# (chronology.services.stale_runs).
FEED_RUN_STALE_MINUTES = env.int("FEED_RUN_STALE_MINUTES", default=10)

# Feed health (stewardship): a feed is overdue this long after its cadence has passed.
FEED_OVERDUE_GRACE_HOURS = env.int("FEED_OVERDUE_GRACE_HOURS", default=24)

CELERY_BEAT_SCHEDULE = {
    "seal-access-log": {"task": "accounts.seal_access_log", "schedule": 30.0},
    "look-after-lost-feed-runs": {"task": "chronology.look_after_lost_runs", "schedule": 300.0},
    "compute-trigger-points": {"task": "risk.compute_all_flags", "schedule": crontab(hour=2, minute=30)},
    "notification-digests": {
        "task": "accounts.send_notification_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "feed-health-alerts": {"task": "stewardship.feed_health_alerts", "schedule": crontab(hour=6, minute=30)},
    "apply-retention": {"task": "stewardship.apply_retention", "schedule": crontab(hour=2, minute=15)},
    # Before the digest, so that workers hear of the reviews due that morning.
    "interventions-due-reviews": {
        "task": "interventions.measure_due_reviews",
        "schedule": crontab(hour=6, minute=30),
    },
}
