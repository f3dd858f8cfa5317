"""Refuses, before any view runs, request input that the database cannot store or that no
field of the portal accepts: a NUL byte or a lone surrogate anywhere in the path, a query
or form key or value, a cookie or a JSON body; a query value longer than any search field. Views
copy request values into the access log (a JSON column PostgreSQL refuses NULs in) and
into queries, so one guard here answers every page and API endpoint, present and future,
with a clear 400 instead of a server error, and nothing is saved or logged from it."""

import json
import re
from collections.abc import Callable, Iterable, Iterator

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string

QUERY_VALUE_MAX = 1000
"""Longer than any GET field the portal has (the longest, an email address, is 254)."""

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

TOO_LONG = f"A value in the address is longer than {QUERY_VALUE_MAX:,} characters, longer than any search."
UNSTORABLE = (
    "The address or the form contained a character the portal cannot accept (a NUL byte or a "
    "broken Unicode character), so nothing was searched or saved."
)


def problem(request: HttpRequest) -> str | None:
    """What is wrong with the request's input, in words for the user; None if nothing."""
    texts = [
        request.path_info,
        *_keys_and_values(request.GET),
        *_form_keys_and_values(request),
        *request.COOKIES.values(),  # the session key is looked up in the database
    ]
    if any(_UNSTORABLE.search(text) for text in texts) or _json_unstorable(request):
        return UNSTORABLE
    if any(len(value) > QUERY_VALUE_MAX for value in _keys_and_values(request.GET)):
        return TOO_LONG
    return None


def _keys_and_values(query: object) -> Iterator[str]:
    for key, values in query.lists():
        yield key
        yield from values


def _form_keys_and_values(request: HttpRequest) -> list[str]:
    """A form body that cannot be parsed is left to Django, which refuses it itself."""
    if request.method != "POST" or _is_json(request):
        return []
    try:
        return list(_keys_and_values(request.POST))
    except MultiPartParserError:
        return []


def _is_json(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    return content_type == "application/json" or content_type.endswith("+json")


def _json_unstorable(request: HttpRequest) -> bool:
    """A JSON body may spell a NUL or a lone surrogate as an escape; malformed JSON is
    left to the API, which answers it with its own 400."""
    if request.method not in ("POST", "PUT", "PATCH") or not _is_json(request):
        return False
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return False
    return any(_UNSTORABLE.search(text) for text in _strings(data))


def _strings(data: object) -> Iterable[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


def _wants_json(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


class RefuseUnstorableInput:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = problem(request)
        if reason is None:
            return self.get_response(request)
        if _wants_json(request):
            return JsonResponse({"detail": reason}, status=400)
        # Rendered without the request: its session may be what is broken.
        body = render_to_string("400.html", {"reason": reason})
        return HttpResponse(body, status=400)
