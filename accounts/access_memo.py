"""Per-request memory for the access layer. A page asks "may this user see that person?"
several times (the record itself, its chronology, each relative); resolving the user's
schools, grants and pupils once per request, instead of on every question, keeps a
page's queries few and flat. Part of the access layer: views never use it directly.
Other lower-layer reads that every part of a page asks for again (the portal-wide
trigger-point settings) use it the same way.

Nothing is remembered outside `per_request()` (tasks, shell, tests calling the access
layer directly), and nothing outlives the request: a changed role, assignment, grant or
school move applies on the next request, as docs/access.md promises."""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, object] | None] = ContextVar("access_memo", default=None)


@contextmanager
def per_request() -> Iterator[None]:
    """Remember access answers until the block ends; role_required opens one per view."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), once per request for the same key; every time outside a request."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[return-value]


def forget(key: Hashable) -> None:
    """Drops one remembered answer: for a write inside the request that changes it."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)
