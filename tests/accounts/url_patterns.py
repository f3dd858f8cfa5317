"""Every URL pattern of the portal, as the walks over them see it: found in the URL
resolver, never listed by hand, so a URL landed later is walked without anyone adding it."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class NamedURL:
    name: str
    """As the access log records it: "namespace:name"."""
    pattern: URLPattern
    prefix: str
    """The route of the resolvers above it, e.g. "access-log/"."""

    @property
    def app(self) -> str:
        """The app whose module holds the view: where its page words belong (the portal's
        for a view a library provides)."""
        view = self.pattern.callback
        app = (getattr(view, "view_class", None) or view).__module__.split(".")[0]
        return app if (ROOT / app).is_dir() else "portal"

    @property
    def admin_internal(self) -> bool:
        """The Django admin's own pages, covered by its index (administrators only)."""
        return self.name.startswith("admin:") and self.name != "admin:index"


def _walk(patterns: list, namespace: str = "", prefix: str = "") -> Iterator[NamedURL]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"
            yield NamedURL(name=name, pattern=pattern, prefix=prefix)


def portal_urls() -> list[NamedURL]:
    """Every URL pattern but the Django admin's internals."""
    return [url for url in _walk(get_resolver().url_patterns) if not url.admin_internal]
