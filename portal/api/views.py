"""The base views every endpoint is built on (docs/api.md, "Adding an endpoint").

`ApiView` says who may use an endpoint (`allowed_roles`) and resolves the caller's scope
once per request, as role_required does for pages. `RecordsApiView` is for endpoints
whose responses name young people: like a page wrapped in @shows_records, it runs in one
transaction with its access-log entry and refuses to send a successful response that
logged nothing; a record outside the caller's scope answers 404 and is logged as a
refused attempt; any error response rolls back what the endpoint wrote."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponseBase
from django_filters import FilterSet
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import RecordOutOfScope
from accounts.access_log import log_access, log_denied, shows_records
from accounts.access_memo import per_request
from accounts.models import AccessLogEntry, ApiToken, BreakGlass
from accounts.roles import Role
from portal.api.throttling import CountedBeforeRefused


def api_detail(request: Request) -> dict:
    """What an access-log entry records about the call: that it came through the API,
    and with which token (by its public key and name, never the secret)."""
    token = getattr(request, "auth", None)
    if isinstance(token, ApiToken):
        return {"api": {"auth": "token", "token": token.token_key, "token_name": token.name}}
    return {"api": {"auth": "session"}}


class ApiView(CountedBeforeRefused, GenericAPIView):
    allowed_roles: frozenset[Role] | None = None
    """The roles that may use the endpoint; None closes it (portal.api.permissions)."""
    http_method_names = [m for m in GenericAPIView.http_method_names if m != "options"]
    """OPTIONS answers 405, and `Allow` does not offer it: the OpenAPI description says
    what each endpoint takes."""

    @classmethod
    def as_view(cls, **initkwargs: object) -> object:
        view = super().as_view(**initkwargs)
        view.allowed_roles = frozenset(cls.allowed_roles or ())
        return view

    def dispatch(self, request: object, *args: object, **kwargs: object) -> HttpResponseBase:
        with per_request():
            return super().dispatch(request, *args, **kwargs)


class RecordsApiView(ApiView):
    person_url_kwarg: str | None = None
    """The URL argument naming the young person asked for, if any: a caller whose role
    may not use the endpoint is then logged as a refused attempt on that person."""

    @classmethod
    def as_view(cls, **initkwargs: object) -> object:
        logged = shows_records(super().as_view(**initkwargs))
        logged.allowed_roles = frozenset(cls.allowed_roles or ())
        return logged

    def dispatch(self, request: object, *args: object, **kwargs: object) -> HttpResponseBase:
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, RecordOutOfScope):
            self._log_refusal(exc.person_id, exc.reason)
        elif isinstance(exc, exceptions.PermissionDenied | PermissionDenied):
            asked = self._asked_person()
            if asked is not None and self.request.user.is_authenticated:
                self._log_refusal(asked, "role may not use this endpoint")
        response = super().handle_exception(exc)
        transaction.set_rollback(True)
        return response

    def _asked_person(self) -> int | None:
        value = self.kwargs.get(self.person_url_kwarg) if self.person_url_kwarg else None
        return int(value) if value is not None else None

    def _log_refusal(self, person_id: int, reason: str) -> None:
        log_denied(request=self.request, person_id=person_id, reason=reason, detail=api_detail(self.request))

    def log_shown(
        self,
        *,
        kind: str,
        person_ids: list[int],
        break_glass: BreakGlass | None = None,
        detail: dict | None = None,
    ) -> AccessLogEntry:
        """The one entry for this response, naming every young person in it."""
        return log_access(
            request=self.request,
            kind=kind,
            person_ids=person_ids,
            break_glass=break_glass,
            detail={**api_detail(self.request), **(detail or {})},
        )

    def filtered(self, filterset_class: type[FilterSet], queryset: QuerySet) -> FilterSet:
        """The request's filters over `queryset`, or a 400 naming each one that is wrong."""
        filters = filterset_class(self.request.query_params, queryset=queryset, request=self.request)
        if not filters.is_valid():
            raise exceptions.ValidationError(filters.errors)
        return filters


def filters_chosen(filters: FilterSet) -> dict | None:
    """The filters a list was asked for, for its access-log entry: what was asked beside
    who was shown. None when nothing was chosen."""
    chosen = {k: str(getattr(v, "pk", v)) for k, v in filters.form.cleaned_data.items() if v}
    return {"filters": chosen} if chosen else None
