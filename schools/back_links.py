"""Where a young person's page leads back to. Its back link goes to the young-people
list, unless the page was opened from a list registered here (the young-people list
itself, the flagged-pupils list, the taskforce's review queue): then it returns to that
list as it was left, with its filters, sort, search and page, not to the whole list the
user had narrowed. A page about one record (an intervention, a referral the taskforce's
work queue opens) registers too, `keyed`: its way back carries the record's id as well
(`record=`), and its back link returns to that record's page. The schools app never
imports the apps owning those pages: each registers its own from its AppConfig.ready().
The data officer's review queue registers too, for the pages of its rows and reported
links only (`way_back=`): no young person's page is opened from it.

The way back travels in the page's address (`from=` the list's code, `list=` the list's
query string) and is rebuilt here from the registered list's own URL and only its own
parameter names, one printable value each, and a keyed page's id only as a whole
number the database could hold: never an address taken from the request, so never an
open redirect (an id of a record the user may not open leads to that page's 404).
Anything else is left out (a link is a convenience, not worth a 400); the list itself
validates the values, as it does any address typed into it.
The pages the young person's page leads on to (the chronology, a dismissal, a referral)
carry it as one `way_back=` value, checked again here on each page, to their links back
to the young person's page. A keyed page that has a way back of its own (an intervention
opened from the work queue) registers the codes that one may name (`carries`): it
travels as the page's `way_back=` parameter inside `list=`, kept only when it names one
of them and only as rebuilt here, so one way back inside another is checked at each
level."""

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
    keyed: bool = False
    """The page is one record's: its URL takes the record's id (`record=`)."""
    carries: tuple[str, ...] = ()
    """The codes of the lists the page's own way back (`way_back=`) may name."""


@dataclass(frozen=True)
class _Found:
    origin: ListOrigin
    kept: list[tuple[str, str]]
    record: int | None


_ORIGINS: dict[str, ListOrigin] = {}
WAY_BACK = "way_back"
"""The way back's one name on the pages beyond the young person's (the chronology takes
`from` as its start date): their links back to the young person's page unpack it."""


RECORD_MAX = 2**31 - 1
"""The largest id a record's table holds: a larger `record=` names no page."""


def register_list_origin(
    *,
    code: str,
    url_name: str,
    label: Callable[[object], str],
    params: Iterable[str],
    keyed: bool = False,
    carries: Iterable[str] = (),
) -> None:
    """Registering a code again replaces it (Django may call ready() more than once)."""
    _ORIGINS[code] = ListOrigin(
        url_name=url_name, label=label, params=tuple(params), keyed=keyed, carries=tuple(carries)
    )


def way_back_query(code: str, params: Iterable[tuple[str, str]], *, record: int | None = None) -> str:
    """The query string a list (or a keyed page, with its `record`) adds to its links to
    a young person's page; without the list's state when it has none, or when that is
    too long for an address value (the portal answers 400). A link still carrying an
    empty `list=` reads as one without."""
    state = urlencode(list(params))
    way = {"from": code, **({"record": str(record)} if record is not None else {})}
    return urlencode(way | ({"list": state} if 0 < len(state) <= QUERY_VALUE_MAX else {}))


def back_link_for(request: HttpRequest) -> BackLink | None:
    """The way back to the list the page was opened from; None for the default."""
    found = _found(request.GET)
    if found is None:
        return None
    return BackLink(href=_list_href(found), label=found.origin.label(request.user))


def list_way_back(request: HttpRequest) -> str:
    """A page a list opens before the young person's own (the break-glass request): the
    list's way back it was given, checked and rebuilt, to pass on to the young person's
    page as the list gave it ("" when there is none)."""
    return _rebuilt(request.GET)


def onward_query(request: HttpRequest) -> str:
    """For the young person's page's links onward: the way back it was opened with,
    checked and rebuilt, as one `way_back=` value ("" when there is none)."""
    return _as_query(_rebuilt(request.GET))


def carried_way_back(request: HttpRequest) -> str:
    """On a page the young person's page leads on to: the way back it was given, checked
    again (a hand-made one is left out), for a form's hidden field."""
    return _rebuilt(_parsed(request.GET.get(WAY_BACK, "")))


def carried_query(request: HttpRequest) -> str:
    """The same, for that page's links to another onward page ("" when there is none)."""
    return _as_query(carried_way_back(request))


def carried_list_href(request: HttpRequest, code: str) -> str | None:
    """On a page the young person's page leads on to, or one a list opens itself with its
    way back: the list registered as `code`, as the way back left it, checked again;
    None when there is none, or it names another list."""
    return list_href(request.GET.get(WAY_BACK, ""), code)


def list_href(way_back: str, code: str) -> str | None:
    """The same for a way back a form sent (a POST that returns to its list): a form's
    hidden field is as hand-editable as an address, so it is checked the same way."""
    carried = _parsed(way_back)
    found = _found(carried) if carried.get("from") == code else None
    return _list_href(found) if found else None


def person_page_href(request: HttpRequest, pk: int, fragment: str = "") -> str:
    """From an onward page, the young person's page with the way back it was given."""
    rebuilt = carried_way_back(request)
    query = f"?{rebuilt}" if rebuilt else ""
    return reverse("young_person_detail", args=[pk]) + query + (f"#{fragment}" if fragment else "")


def _list_href(found: _Found) -> str:
    args = [found.record] if found.record is not None else []
    return reverse(found.origin.url_name, args=args) + (f"?{urlencode(found.kept)}" if found.kept else "")


def _as_query(rebuilt: str) -> str:
    return urlencode({WAY_BACK: rebuilt}) if rebuilt and len(rebuilt) <= QUERY_VALUE_MAX else ""


def _rebuilt(query: QueryDict) -> str:
    found = _found(query)
    return way_back_query(query["from"], found.kept, record=found.record) if found else ""


def _found(query: QueryDict) -> _Found | None:
    origin = _ORIGINS.get(query.get("from", ""))
    if origin is None:
        return None
    record = _record(query.get("record", "")) if origin.keyed else None
    if origin.keyed and record is None:
        return None
    asked = _parsed(query.get("list", ""))
    kept = [(name, asked[name]) for name in origin.params if _fits(asked.get(name, ""))]
    own = _own_way_back(origin, asked.get(WAY_BACK, ""))
    return _Found(origin=origin, kept=kept + ([(WAY_BACK, own)] if own else []), record=record)


def _own_way_back(origin: ListOrigin, value: str) -> str:
    """The page's own way back, rebuilt like the one it sits in ("" unless it names a list
    the page carries); each level is shorter than the one around it, so nesting ends."""
    inner = _parsed(value) if _fits(value) else QueryDict()
    return _rebuilt(inner) if inner.get("from") in origin.carries else ""


def _record(text: str) -> int | None:
    """A record's id as its page's URL takes it: ASCII digits, no sign, in range."""
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(RECORD_MAX))):
        return None
    return int(text) if 0 < int(text) <= RECORD_MAX else None


def _parsed(text: str) -> QueryDict:
    try:
        return QueryDict(text)
    except TooManyFieldsSent:
        return QueryDict()


def _fits(value: str) -> bool:
    return bool(value) and len(value) <= QUERY_VALUE_MAX and value.isprintable()
