"""Per-user request limits (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]: "user" for each
authenticated user, "anonymous" per address for calls without credentials); over the
limit the API answers 429 with Retry-After. Counts live in Django's cache, so several
server processes share them only through a shared cache (docs/deployment.md)."""

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class PerUserThrottle(SimpleRateThrottle):
    def __init__(self) -> None:
        """The rate is read per request (see allow_request), so settings apply at once."""

    def allow_request(self, request: Request, view: object) -> bool:
        self.scope = "user" if request.user.is_authenticated else "anonymous"
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: object) -> str:
        ident = request.user.pk if request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
