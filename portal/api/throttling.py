"""Per-user request limits (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]: "user" for each
authenticated user, "anonymous" per address for calls without credentials); over the
limit the API answers 429 with Retry-After. Counts live in Django's cache, so several
server processes share them only through a shared cache (docs/deployment.md)."""

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from accounts.access_log.client import client_address


class PerUserThrottle(SimpleRateThrottle):
    def __init__(self) -> None:
        """The rate is read per request (see allow_request), so settings apply at once."""

    def allow_request(self, request: Request, view: object) -> bool:
        self.scope = "user" if request.user.is_authenticated else "anonymous"
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: object) -> str:
        """A caller without credentials is known by the address the access log records:
        DRF's own guess believes any X-Forwarded-For, so a new header would be a new count."""
        user = request.user
        ident = user.pk if user.is_authenticated else client_address(request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class CountedBeforeRefused:
    """For API views: DRF checks permissions before throttles, so a call without
    credentials, or with a bad token, was refused with 401 before it was counted and the
    per-address limit never applied. Here each call is counted straight after
    authentication, whether it succeeded or not, and only then are permissions checked."""

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        self.format_kwarg = self.get_format_suffix(**kwargs)
        request.accepted_renderer, request.accepted_media_type = self.perform_content_negotiation(request)
        request.version, request.versioning_scheme = self.determine_version(request, *args, **kwargs)
        try:
            self.perform_authentication(request)
        finally:
            self.check_throttles(request)
        self.check_permissions(request)
