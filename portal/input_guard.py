"""Refuses, before any view runs, request input that the database cannot store or that no
field of the portal accepts: a NUL byte or a lone surrogate anywhere in the path, a query
or form key or value, a cookie or a JSON body; a query value longer than any search field. Views
copy request values into the access log (a JSON column PostgreSQL refuses NULs in) and
into queries, so one guard here answers every page and API endpoint, present and future,
with a clear 400 instead of a server error, and nothing is saved or logged from it. JSON
nested deeper than any request needs is refused too: Python's decoder raises
RecursionError (not ValueError) at about a thousand levels, wherever it is read."""

import contextlib
import json
import re
from collections.abc import Callable, Iterator

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.template.loader import render_to_string
from django_otp.middleware import OTPMiddleware

QUERY_VALUE_MAX = 1000
"""Longer than any GET field the portal has (the longest, an email address, is 254)."""

JSON_DEPTH_MAX = 32
"""Deeper than any body the API takes (a session's attendance marks are three levels),
and far from the depth at which decoding the body again in a view runs out of stack."""

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

TOO_LONG = f"A value in the address is longer than {QUERY_VALUE_MAX:,} characters, longer than any search."
UNSTORABLE = (
    "The address or the form contained a character the portal cannot accept (a NUL byte or a "
    "broken Unicode character), so nothing was searched or saved."
)
UNSTORABLE_HERE = "Contains a character the portal cannot accept (a NUL byte or a broken Unicode character)."
TOO_LONG_HERE = f"Longer than {QUERY_VALUE_MAX:,} characters, longer than any search."
TOO_DEEP = f"The JSON sent is nested more than {JSON_DEPTH_MAX} levels deep, so nothing was read or saved."


def problem(request: HttpRequest) -> str | None:
    """What is wrong with the request's input, in words for the user; None if nothing."""
    texts = [
        request.path_info,
        *_keys_and_values(request.GET),
        *_form_keys_and_values(request),
        *request.COOKIES.values(),  # the session key is looked up in the database
    ]
    if any(_UNSTORABLE.search(text) for text in texts):
        return UNSTORABLE
    if any(len(value) > QUERY_VALUE_MAX for value in _keys_and_values(request.GET)):
        return TOO_LONG
    return _json_problem(request)


def _keys_and_values(query: object) -> Iterator[str]:
    for key, values in query.lists():
        yield key
        yield from values


def _form_keys_and_values(request: HttpRequest) -> list[str]:
    return [text for key, values in _form_lists(request) for text in (key, *values)]


def _is_json(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    return content_type == "application/json" or content_type.endswith("+json")


def _json_problem(request: HttpRequest) -> str | None:
    """A JSON body may spell a NUL or a lone surrogate as an escape; malformed JSON is
    left to the API, which answers it with its own 400."""
    if request.method not in ("POST", "PUT", "PATCH") or not _is_json(request):
        return None
    try:
        data = json.loads(request.body or b"null")
    except RecursionError:
        return TOO_DEEP
    except (ValueError, UnicodeDecodeError):
        return None
    strings, depth = _strings_and_depth(data)
    if depth > JSON_DEPTH_MAX:
        return TOO_DEEP
    if any(_UNSTORABLE.search(text) for text in strings):
        return UNSTORABLE
    return None


def _strings_and_depth(data: object) -> tuple[list[str], int]:
    """Every key and string value, and how deeply the containers nest: walked with a
    list rather than by recursion, which a deep body would exhaust."""
    strings, depth, pending = [], 0, [(data, 0)]
    while pending:
        item, level = pending.pop()
        depth = max(depth, level)
        if isinstance(item, str):
            strings.append(item)
        elif isinstance(item, dict):
            strings.extend(item)
            pending.extend((value, level + 1) for value in item.values())
        elif isinstance(item, list):
            pending.extend((value, level + 1) for value in item)
    return strings, depth


def _errors(request: HttpRequest, reason: str) -> dict:
    """Where the problem is, as the API's other 400s say it: each query parameter or form
    field by name, a JSON body's fields nested as its serializer's errors would be
    (`{"attendance": [{}, {"note": [...]}]}`); the rest (the path, a cookie, a key that is
    itself unstorable, nesting too deep) under `non_field_errors`."""
    if reason == TOO_DEEP:
        return {"non_field_errors": [reason]}
    errors, whole = {}, False
    for key, values in [*request.GET.lists(), *_form_lists(request)]:
        if _UNSTORABLE.search(key):
            whole = True
        elif reason == UNSTORABLE and any(_UNSTORABLE.search(value) for value in values):
            errors[key] = [UNSTORABLE_HERE]
        elif reason == TOO_LONG and any(len(value) > QUERY_VALUE_MAX for value in values):
            errors[key] = [TOO_LONG_HERE]
    if reason == UNSTORABLE and _is_json(request) and request.method in ("POST", "PUT", "PATCH"):
        # When the body cannot be read, the NUL was elsewhere and the body is the API's to refuse.
        with contextlib.suppress(ValueError, UnicodeDecodeError, RecursionError):
            errors.update(_json_errors(json.loads(request.body or b"null")) or {})
    if whole or not errors:
        errors.setdefault("non_field_errors", [reason])
    return errors


def _form_lists(request: HttpRequest) -> list[tuple[str, list[str]]]:
    """A form body that cannot be parsed is left to Django, which refuses it itself."""
    if request.method != "POST" or _is_json(request):
        return []
    try:
        return list(request.POST.lists())
    except MultiPartParserError:
        return []


def _json_errors(item: object) -> object:
    """The body's shape keeping only what holds an unstorable string, or None if nothing
    does. Recursive: a body deep enough to exhaust the stack (refused for its depth, with
    a NUL elsewhere) raises RecursionError, which the caller passes over."""
    if isinstance(item, str):
        return [UNSTORABLE_HERE] if _UNSTORABLE.search(item) else None
    if isinstance(item, dict):
        found = {}
        for key, value in item.items():
            if _UNSTORABLE.search(key):
                found["non_field_errors"] = [UNSTORABLE_HERE]
            elif (inner := _json_errors(value)) is not None:
                found[key] = inner
        return found or None
    if isinstance(item, list):
        marks = [_json_errors(value) for value in item]
        return [{} if mark is None else mark for mark in marks] if any(marks) else None
    return None


def _wants_json(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def _refusal_page(request: HttpRequest, reason: str) -> HttpResponse:
    """The 400 page under the portal's header, as the 403 and 404 pages have it: who is
    signed in, and a Sign out button. Only the session, the CSRF cookie and the user are
    read, through Django's own middleware, so that the header is what every page's is;
    the refused path, query and form reach no view, no other middleware and no log."""

    def page(signed_in: HttpRequest) -> HttpResponse:
        return render(signed_in, "400.html", {"reason": reason}, status=400)

    return SessionMiddleware(CsrfViewMiddleware(AuthenticationMiddleware(OTPMiddleware(page))))(request)


def _page_without_session(request: HttpRequest, reason: str) -> HttpResponse:
    """For a cookie the session cannot be looked up by: nobody is shown as signed in."""
    names = {"service_name": settings.SERVICE_NAME, "council_name": settings.COUNCIL_NAME}
    return HttpResponse(
        render_to_string("400.html", {"reason": reason, "request": request, **names}), status=400
    )


class RefuseUnstorableInput:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = problem(request)
        if reason is None:
            return self.get_response(request)
        if _wants_json(request):
            return JsonResponse({"detail": reason, "errors": _errors(request, reason)}, status=400)
        if any(_UNSTORABLE.search(text) for text in request.COOKIES.values()):
            return _page_without_session(request, reason)
        return _refusal_page(request, reason)
