"""Production: refuses to start with the demo's secret key or access-log key, or without
what a deployment must set (docs/deployment.md): each missing or mistyped variable is
named at start rather than found later as a page that fails."""

from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import *  # noqa: F403
from portal.settings.base import env

DEBUG = False
DEMO = False

SECRET_KEY = env("SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the hosts this portal is served on.")
# Django compares each entry with the Host header: an address there answers every request 400.
if any("/" in host or (":" in host and not host.startswith("[")) for host in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS takes host names, such as safe.council.example, not addresses with a scheme or path."
    )
ACCESS_LOG_HMAC_KEY = env("ACCESS_LOG_HMAC_KEY", default="")
if len(ACCESS_LOG_HMAC_KEY) < 32 or ACCESS_LOG_HMAC_KEY.startswith("insecure"):
    raise ImproperlyConfigured("ACCESS_LOG_HMAC_KEY must be set to a random value of at least 32 characters.")
# The access log's append-only triggers exist only on PostgreSQL.
if not env("DATABASE_URL", default="") or not DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    raise ImproperlyConfigured("DATABASE_URL must point at the PostgreSQL system of record.")
# Without a broker every task would run inside the web request that started it, and the
# worker and beat would serve an in-process queue nobody else reads.
if not env("CELERY_BROKER_URL", default="") and not env("REDIS_URL", default=""):
    raise ImproperlyConfigured("CELERY_BROKER_URL or REDIS_URL must point at the Redis the worker reads.")
# Password-reset links, the only way a new user sets a first password, are built from it.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="")
if not PORTAL_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "PORTAL_BASE_URL must be the address people use, such as https://safe.council.example."
    )
# The console backend writes every email, reset links included, to the process's output.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="")
if not EMAIL_BACKEND or EMAIL_BACKEND.endswith("console.EmailBackend"):
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must name a backend that sends mail, "
        "such as django.core.mail.backends.smtp.EmailBackend."
    )
# A proxy that ends TLS is the peer of every request: not counted, the access log and the
# sign-in failure log would record its address as everyone's.
if TRUST_X_FORWARDED_PROTO and TRUSTED_PROXY_COUNT < 1:  # noqa: F405
    raise ImproperlyConfigured(
        "TRUST_X_FORWARDED_PROTO is true, so a proxy ends TLS in front of the portal: set "
        "TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For (1 for one)."
    )

# The API's request limits are counted in the cache, which every process must share: the
# broker's Redis unless CACHE_URL names another.
if not env("CACHE_URL", default=""):
    CACHES = {"default": env.cache_url("REDIS_URL" if env("REDIS_URL", default="") else "CELERY_BROKER_URL")}

# gunicorn serves the collected static files itself through WhiteNoise.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.non_negative_int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
