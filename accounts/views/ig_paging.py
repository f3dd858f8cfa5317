"""Paging IG's lists of the access log through the log as it stood when the first page
was opened. The log grows while IG reads it (each look at "who has seen this child" is
itself an entry naming the child), so numbered pages over the live log repeated a row
per look, and the total crept up between pages. The first page fixes the newest entry it
counts; its page links and exports carry that entry's id as `until`, later pages list
only entries up to it, and the page says how many have been written since."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property

from accounts.log_until import BadUntil, parse_until

BAD_UNTIL = (
    "The link to this list is not one the portal made: its “until” must be the number of an "
    "entry in the access log. Open the list again from its first page."
)


def takes_until(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Passes the view the `until` its link carries (None on a first page); anything but
    an entry id is answered with a 400 saying so, before the view reads or logs anything."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            until = parse_until(request.GET.get("until", ""))
        except BadUntil:
            return render(request, "400.html", {"reason": BAD_UNTIL}, status=400)
        return view(request, *args, until=until, **kwargs)

    return wrapped


@dataclass(frozen=True)
class Snapshot:
    """Where a list stops: its newest entry's id and time (None when it has none), and
    how many of the entries it would list have been written since (up to `cap`)."""

    until: int | None
    at: datetime | None
    newer: int = 0
    newer_capped: bool = False


def snapshot(
    *,
    until: int | None,
    newest: Callable[[int | None], tuple[int, datetime] | None],
    since: Callable[[int], int],
    cap: int | None = None,
) -> Snapshot:
    """`newest(until)` finds the list's newest entry up to `until`; `since(id)` counts
    the list's entries after it, asked only on a later page (a first page has none)."""
    found = newest(until)
    fixed, at = found if found is not None else (until, None)
    if until is None or fixed is None:
        return Snapshot(until=fixed, at=at)
    newer = since(fixed)
    capped = cap is not None and newer > cap
    return Snapshot(until=fixed, at=at, newer=min(newer, cap) if capped else newer, newer_capped=capped)


def paging_context(request: HttpRequest, fixed: Snapshot) -> dict:
    """The page's links: `paging_query` for the page links and exports (with `until`),
    `fresh_url` for the list as it is now (from its first page)."""
    paging_query = request.GET.copy()
    fresh = request.GET.copy()
    for name in ("until", "page"):
        fresh.pop(name, None)
    if fixed.until is not None:
        paging_query["until"] = str(fixed.until)
    fresh_url = f"{request.path}?{fresh.urlencode()}" if fresh else request.path
    return {"snapshot": fixed, "paging_query": paging_query, "fresh_url": fresh_url}


class KnownCountPaginator(Paginator):
    """A paginator told its count, when a cheaper query than COUNT(*) of the list knows it."""

    def __init__(self, object_list: QuerySet, per_page: int, *, count: int, capped: bool = False) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count
        self.capped = capped

    @cached_property
    def count(self) -> int:
        return self.known_count


def counted_page(request: HttpRequest, items: QuerySet, *, per_page: int, count: int) -> Page:
    return KnownCountPaginator(items, per_page, count=count).get_page(request.GET.get("page"))


def capped_page(request: HttpRequest, items: QuerySet, *, per_page: int, cap: int) -> Page:
    """A search counts its entries only up to `cap`: an exact count over millions of
    entries costs more than the page."""
    count = items.values("pk")[: cap + 1].count()
    paginator = KnownCountPaginator(items, per_page, count=min(count, cap), capped=count > cap)
    return paginator.get_page(request.GET.get("page"))
