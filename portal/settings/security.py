"""Sign-in, passwords, object permissions, break-glass, response headers, sessions and the
access log's keys and thresholds (docs/security.md, docs/access-log.md); imported by base.py.
production.py tightens the cookie settings further."""

from datetime import timedelta

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from portal.settings.environment import env

# Two-factor sign-in (docs/security.md): a password alone opens nothing but the
# two-factor pages. Authenticator apps show the issuer next to the code.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="SAFE portal")
BACKUP_CODE_COUNT = 10
# Lockout of repeated failed sign-ins (django-axes): by the email tried, from any address,
# for a cool-off period. Not by address: a school office shares one, and a lockout by it
# let one person mistyping (or anyone guessing) lock out every colleague behind it. A
# successful sign-in forgives only that account's failures (accounts.auth_backends), not
# every failure from its address as axes' own reset would.
AXES_FAILURE_LIMIT = env.positive_int("SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.positive_int("SIGN_IN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns when the address is in no lockout parameter: its reason is a lockout by
# browser or cookie, which a client rotates at will. The email is neither, and a client
# cannot rotate its way past an account's lockout.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = False
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
PASSWORD_RESET_TIMEOUT = env.positive_int("PASSWORD_RESET_TIMEOUT", default=3600)
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
BREAK_GLASS_HOURS = env.positive_int("BREAK_GLASS_HOURS", default=4)
BREAK_GLASS_REASON_MIN_LENGTH = 20

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
SESSION_IDLE_MINUTES = env.positive_int("SESSION_IDLE_MINUTES", default=30)
SESSION_ABSOLUTE_HOURS = env.positive_int("SESSION_ABSOLUTE_HOURS", default=10)
# People are warned this long before the idle timeout and can stay signed in
# (accounts.views.session_timeout).
SESSION_WARNING_MINUTES = env.positive_int("SESSION_WARNING_MINUTES", default=5)
if SESSION_WARNING_MINUTES >= SESSION_IDLE_MINUTES:
    raise ImproperlyConfigured(
        f"SESSION_WARNING_MINUTES ({SESSION_WARNING_MINUTES}) must be less than SESSION_IDLE_MINUTES "
        f"({SESSION_IDLE_MINUTES}), or the warning would show on every page."
    )
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# The access log (docs/access-log.md). The HMAC key signs every entry and chain link; it
# lives only in the environment, never in the database. production.py requires it.
ACCESS_LOG_HMAC_KEY = env("ACCESS_LOG_HMAC_KEY", default="insecure-demo-access-log-key")
# How many reverse proxies of ours append to X-Forwarded-For; 0 = the header is ignored.
TRUSTED_PROXY_COUNT = env.non_negative_int("TRUSTED_PROXY_COUNT", default=0)
# Whether a reverse proxy of ours ends TLS and sets X-Forwarded-Proto, replacing any the
# client sent: only then is the header believed (request.is_secure(), SECURE_SSL_REDIRECT,
# secure cookies). Off by default: believed with no such proxy in front, anyone could send
# "https" over plain HTTP. production.py requires TRUSTED_PROXY_COUNT beside it.
TRUST_X_FORWARDED_PROTO = env.bool("TRUST_X_FORWARDED_PROTO", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUST_X_FORWARDED_PROTO else None
# Anomalies shown to IG: more distinct records than this in one clock hour, and access
# outside working hours (local time, start inclusive, end exclusive) or on these days.
ACCESS_ANOMALY_RECORDS_PER_HOUR = env.positive_int("ACCESS_ANOMALY_RECORDS_PER_HOUR", default=40)
ACCESS_WORKING_HOURS = tuple(env.list("ACCESS_WORKING_HOURS", cast=int, default=[7, 19]))
ACCESS_WORKING_DAYS = tuple(env.list("ACCESS_WORKING_DAYS", cast=int, default=[1, 2, 3, 4, 5]))
