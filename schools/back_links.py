"""Where a young person's page leads back to. Its back link goes to the young-people
list, unless the page was opened from a list another app registers here (the
flagged-pupils list): then it returns to that list as it was left, with its filters,
sort, search and page, not to the whole list the user had narrowed. The schools app
never imports those apps: each registers its list from its AppConfig.ready().

The way back travels in the page's address (`from=` the list's code, `list=` the list's
query string) and is rebuilt here from the registered list's own URL and only its own
parameter names, one printable value each: never an address taken from the request, so
never an open redirect. Anything else is left out (a link is a convenience, not worth a
400); the list itself validates the values, as it does any address typed into it."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, QueryDict
from django.urls import reverse

from portal.input_guard import QUERY_VALUE_MAX


@dataclass(frozen=True)
class BackLink:
    href: str
    label: str


@dataclass(frozen=True)
class ListOrigin:
    url_name: str
    label: Callable[[object], str]
    """(viewer) -> the list's name as its heading gives it to that viewer."""
    params: tuple[str, ...]


_ORIGINS: dict[str, ListOrigin] = {}


def register_list_origin(
    *, code: str, url_name: str, label: Callable[[object], str], params: Iterable[str]
) -> None:
    """Registering a code again replaces it (Django may call ready() more than once)."""
    _ORIGINS[code] = ListOrigin(url_name=url_name, label=label, params=tuple(params))


def way_back_query(code: str, params: Iterable[tuple[str, str]]) -> str:
    """The query string a list adds to its links to a young person's page."""
    return urlencode({"from": code, "list": urlencode(list(params))})


def back_link_for(request: HttpRequest) -> BackLink | None:
    """The way back to the list the page was opened from; None for the default."""
    origin = _ORIGINS.get(request.GET.get("from", ""))
    if origin is None:
        return None
    try:
        asked = QueryDict(request.GET.get("list", ""))
    except TooManyFieldsSent:
        asked = QueryDict()
    kept = [(name, asked[name]) for name in origin.params if _fits(asked.get(name, ""))]
    href = reverse(origin.url_name) + (f"?{urlencode(kept)}" if kept else "")
    return BackLink(href=href, label=origin.label(request.user))


def _fits(value: str) -> bool:
    return bool(value) and len(value) <= QUERY_VALUE_MAX and value.isprintable()
