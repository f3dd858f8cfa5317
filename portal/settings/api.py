"""The REST API's settings (docs/api.md): authentication, paging, throttling, tokens and
the OpenAPI schema; imported by base.py."""

import re

from django.core.exceptions import ImproperlyConfigured

from portal.settings.environment import env


def api_rate(name: str, default: str) -> str:
    """DRF reads a rate only when it first throttles a request, so a rate it cannot read
    would make every API request a 500; it is refused at start instead."""
    rate = env(name, default=default)
    if not re.fullmatch(r"[0-9]+/[smhd][a-z]*", rate):
        raise ImproperlyConfigured(
            f"{name} is set to {rate!r}: give requests per second, minute, hour or day, such as 600/minute."
        )
    return rate


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
        "user": api_rate("API_THROTTLE_RATE", default="600/minute"),
        "anonymous": api_rate("API_ANONYMOUS_THROTTLE_RATE", default="60/minute"),
    },
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
    "PAGE_SIZE": 50,
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
}
# Throttle counts live in the default cache, which every server process must share or each
# would allow the whole rate: CACHE_URL (for example redis://host:6379/2) points it at
# Redis; production falls back to REDIS_URL. Without either (the demo, tests, one process)
# a per-process memory cache is enough.
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
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
API_TOKEN_MAX_DAYS = env.positive_int("API_TOKEN_MAX_DAYS", default=366)
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
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api.schema.errors_described",
        "portal.api.schema.choices_in_order",
        "portal.api.bodies.bodies_closed",
    ],
    "ENUM_NAME_OVERRIDES": {
        "FeedRunStatusEnum": "chronology.models.FeedRun.Status",
        "SchoolStatusEnum": "schools.models.School.Status",
        "AccessLogKindEnum": "accounts.models.AccessLogEntry.Kind",
        "ReferralStatusEnum": "interventions.models.ReferralStatus",
        "ReferralEntryActionEnum": "interventions.models.ReferralEntry.Action",
        "UrgencyEnum": "interventions.models.Urgency",
        "ConsentBasisEnum": "interventions.models.ConsentBasis",
        "InterventionStatusEnum": "interventions.models.InterventionStatus",
        "ClosureReasonEnum": "interventions.models.ClosureReason",
        "ProgrammeKindEnum": "interventions.models.Programme.Kind",
        "SessionKindEnum": "interventions.models.Session.Kind",
        "WorkerRoleEnum": "interventions.api.serializers_choices.WORKER_ROLE_CHOICES",
        "AttendanceStatusEnum": "interventions.models.Attendance.Status",
        "SensitivityEnum": "chronology.models.Sensitivity",
    },
}
