"""Which address a request came from. X-Forwarded-For is written by whoever sends the
request, so only the hops our own proxies appended are believed: with
TRUSTED_PROXY_COUNT = n, the client is the n-th address from the right; with 0 (the
default, no proxy) the header is ignored and REMOTE_ADDR is the client."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.utils.ipv6 import clean_ipv6_address


def _valid(address: str) -> str | None:
    """The address as PostgreSQL's inet column will hand it back, so its signature holds."""
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return None
    return clean_ipv6_address(str(parsed)) if parsed.version == 6 else str(parsed)


def client_address(request: HttpRequest) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < proxies:
        # Fewer hops than our own proxies add: the request bypassed them. Record the
        # peer we actually saw rather than anything the sender wrote.
        return remote
    return _valid(hops[-proxies]) or remote
