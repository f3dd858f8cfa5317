"""Paging the API's lists of the access log through the log as their first page found
it, as IG's pages do (accounts/views/ig_paging.py, docs/access-log.md). Each call to
"who has seen this child" is itself an entry naming the child, so `next` over the live
log gave page 1's last row again and `count` crept by one a call. The first page fixes
the newest entry it counts; `next` and `previous` carry its id as `until`, and a page
asked with it lists and counts only the entries up to it."""

from collections.abc import Callable
from datetime import datetime

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.utils.urls import replace_query_param

from accounts.log_until import UNTIL_MAX, BadUntil, parse_until
from portal.api.filters import QuerySerializer
from portal.api.pagination import CappedPagination

BAD_UNTIL = (
    "Give `until` as a list's `next` or `previous` link gives it: the id of an entry in the access log, "
    f"a whole number from 1 to {UNTIL_MAX}. Leave it out to read the log as it is now."
)


class _UntilField(serializers.IntegerField):
    """Read by the one parser IG's pages use; described with the bounds it takes."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(min_value=1, max_value=UNTIL_MAX, required=False, **kwargs)

    def run_validation(self, data: object = empty) -> int | None:
        if data == "":  # an empty value is no value, as for a filter
            return None
        return super().run_validation(data)

    def to_internal_value(self, data: object) -> int:
        try:
            return parse_until(str(data))
        except BadUntil:
            raise serializers.ValidationError(BAD_UNTIL) from None


class UntilQuery(QuerySerializer):
    until = _UntilField(
        help_text=(
            "The newest entry the list counts, as the first page's `next` and `previous` links carry it: "
            "follow them and every page lists the log as the first page found it, with the same `count`. "
            "Leave it out to read the log as it is now."
        )
    )


class LogPagination(CappedPagination):
    """`next` and `previous` carry `until`, the newest entry the first page counted."""

    until: int | None = None

    def get_next_link(self) -> str | None:
        return self._up_to(super().get_next_link())

    def get_previous_link(self) -> str | None:
        return self._up_to(super().get_previous_link())

    def _up_to(self, link: str | None) -> str | None:
        if link is None or self.until is None:
            return link
        return replace_query_param(link, "until", self.until)


class PagedUpTo:
    """For a RecordsApiView listing the access log."""

    pagination_class = LogPagination

    def page_up_to(
        self,
        entries: Callable[[int | None], QuerySet],
        newest: Callable[[int | None], tuple[int, datetime] | None],
    ) -> list:
        """The page of `entries(until)`: `newest(until)` finds the list's newest entry up
        to the `until` asked (the newest of all on a first page), which the page's links
        then carry. A bad `until` is a 400 before anything is read or logged."""
        query = UntilQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        asked = query.validated_data.get("until")
        found = newest(asked)
        self.paginator.until = found[0] if found is not None else asked
        return list(self.paginate_queryset(entries(self.paginator.until)))
