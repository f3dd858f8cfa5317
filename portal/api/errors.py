"""Errors as JSON with a human-readable `detail`: 400 adds the field errors under
`errors`; 401, 403, 404, 405 and 429 (with Retry-After) say what went wrong. Any error
response rolls back what the endpoint wrote (see portal.api.views), so a refused or
failed call leaves nothing behind but its refusal in the access log. Outside the API's
views (an unknown /api/ address, a server error) the same shape comes from the
portal's 404 and 500 handlers."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"


def exception_handler(exc: Exception, context: dict) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": "Some of what you sent is not valid.", "errors": _as_dict(exc.detail)}
    return response


def _as_dict(detail: object) -> dict:
    if isinstance(detail, dict):
        return detail
    return {"non_field_errors": detail if isinstance(detail, list) else [detail]}


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": "Something went wrong on our side; nothing was shown."}, status=500)
    return defaults.server_error(request)
