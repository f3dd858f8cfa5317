"""Page-number pagination: `page` and `page_size` (up to 200). `PageRequest` serves
endpoints whose rows do not come from one queryset (a chronology merges events and
weekly summaries), with the same parameters and answer."""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from portal.api.filters import repeated

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50


def refuse_repeated(request: Request) -> None:
    """`page` or `page_size` given twice is a 400 naming it, as a filter is: DRF took the
    last, so a client that built its query wrongly read a page it had not asked for. The
    words are its own, not the filters': it is no filter, and never a list."""
    if names := repeated(request.query_params, ("page", "page_size")):
        raise ValidationError({name: [f"Give {name} once: it takes one number."] for name in names})


class PageParameters(serializers.Serializer):
    """`page` and `page_size`, for the OpenAPI description of a PageRequest endpoint."""

    page = serializers.IntegerField(required=False, min_value=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)


PAGE_PARAMETERS = PageParameters


def page_serializer(name: str, results: serializers.Serializer, **extra: serializers.Field) -> type:
    """The OpenAPI shape of a page whose body adds keys to `count`, `next`, `previous` and
    `results`: DRF's own description of a list has those four only, so an integration
    built from the schema would never learn of the others. The view then names
    PAGE_PARAMETERS (and `filters=True`) itself, as the schema no longer sees a list."""
    fields = {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        **extra,
        "results": results,
    }
    return type(name, (serializers.Serializer,), fields)


class Pagination(PageNumberPagination):
    """DRF's, but `page=last` is refused like any page that is not a whole number, as
    PageRequest's lists (the chronology) refuse it: one rule for every list."""

    last_page_strings = ()
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset: QuerySet, request: Request, view: object = None) -> list | None:
        refuse_repeated(request)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: object) -> list[dict]:
        """DRF describes both parameters as bare integers; they are described with the
        bounds PAGE_PARAMETERS gives the other lists, so a generated client learns them."""
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"] = {**parameter["schema"], **bounds.get(parameter["name"], {})}
        return parameters


COUNT_CAP = 10_000
"""A long list (the access log) counts its rows only this far, as IG's pages do: an
exact count over millions of entries costs more than the page."""


class _CappedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        items = self.object_list
        if isinstance(items, QuerySet):
            return items.values("pk")[:COUNT_CAP].count()
        return min(len(items), COUNT_CAP)


class CappedPagination(Pagination):
    """`count` stops at 10,000; pages beyond it are not offered."""

    django_paginator_class = _CappedPaginator


@dataclass(frozen=True)
class PageRequest:
    number: int
    size: int

    @classmethod
    def of(cls, request: Request, *, default_size: int = DEFAULT_PAGE_SIZE) -> "PageRequest":
        refuse_repeated(request)
        paginator = Pagination()
        paginator.page_size = default_size
        size = paginator.get_page_size(request)
        raw = request.query_params.get("page", "1")
        # isdigit() alone is true of "²" and "①", which int() refuses.
        number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 0
        if number < 1:
            raise NotFound("Invalid page.")
        return cls(number=number, size=size)

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    def response(self, request: Request, *, count: int, results: list, **extra: object) -> Response:
        """The same shape as every paginated list, with `extra` keys before the results."""
        return Response(self.body(request, count=count, results=results, **extra))

    def body(self, request: Request, *, count: int, results: list, **extra: object) -> dict:
        if self.number > 1 and self.offset >= count:
            raise NotFound("Invalid page.")
        url = request.build_absolute_uri()
        following = (
            replace_query_param(url, "page", self.number + 1) if self.offset + self.size < count else None
        )
        previous = None
        if self.number == 2:
            previous = remove_query_param(url, "page")
        elif self.number > 2:
            previous = replace_query_param(url, "page", self.number - 1)
        return {"count": count, "next": following, "previous": previous, **extra, "results": results}
