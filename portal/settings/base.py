"""Settings shared by every environment, read from the environment with django-environ.

The defaults make `make demo` work with nothing installed (SQLite, eager Celery);
production.py removes the unsafe defaults. Security, the API, logging and background
tasks have modules of their own, imported here, so `from portal.settings.base import *`
still brings every setting.
"""

from portal.settings.api import *  # noqa: F403
from portal.settings.background_tasks import *  # noqa: F403
from portal.settings.environment import BASE_DIR, env
from portal.settings.logs import *  # noqa: F403
from portal.settings.security import *  # noqa: F403

SECRET_KEY = env("SECRET_KEY", default="insecure-demo-key-never-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

COUNCIL_NAME = env("COUNCIL_NAME", default="Northbridge City Council")
# Where emails point people to; emails carry links, never personal data.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.positive_int("EMAIL_PORT", default=25)
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
    "portal.api.slash.CommonMiddleware",
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


def without_jit(database: dict) -> dict:
    """PostgreSQL compiles a statement to machine code (JIT) once its estimated cost is
    high, and the estimate is what a city-wide count or a grouped scope reaches: on the
    taskforce's city overview, compiling took 2.7 and 3.5 s of two statements that then
    ran in 3 and 1.5 s. A page runs each statement once, so compiling never pays back;
    the portal's connections run without it. Other options in DATABASE_URL are kept."""
    if database["ENGINE"].endswith("postgresql"):
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return database


def shared_by_people_at_once(database: dict) -> dict:
    """SQLite (the demo) with several people using it: every page view writes an
    access-log entry, and a transaction that read before it wrote failed at once with
    "database is locked" (a 500) when another writer came first, without waiting. Each
    transaction now takes the write lock as it begins and waits its turn, and readers
    never wait for a writer (write-ahead log). PostgreSQL is left as it is."""
    if database["ENGINE"].endswith("sqlite3"):
        options = database.setdefault("OPTIONS", {})
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", 20)
        options.setdefault("init_command", "PRAGMA journal_mode=WAL;")
    return database


DATABASES = {
    "default": shared_by_people_at_once(
        without_jit(env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The flags' covering index (risk.Flag) carries columns SQLite cannot hold in an
    # index; there it is a plain index, which the demo's small city does not miss. Said
    # on every command, the warning would be the first thing a newcomer's `make demo` shows.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "models.W040"]  # noqa: F405
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

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
CELERY_TIMEZONE = TIME_ZONE

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Feed files are kept outside the web root: no URL serves MEDIA_ROOT.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "uploads"))
FEED_UPLOAD_MAX_MB = env.positive_int("FEED_UPLOAD_MAX_MB", default=200)
MEDIA_URL = "/uploads/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
