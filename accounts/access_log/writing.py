"""Writing the access log. Record-showing views are wrapped in @shows_records and call
log_access in the same transaction that produces the response, so a view whose entry
cannot be written shows nothing (fail-closed). The wrapper also refuses to send a
successful response from a view that logged nothing, so a view cannot forget."""

import re
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import wraps

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from accounts.access_log.client import client_address
from accounts.access_log.signing import entry_signature
from accounts.models import AccessLogEntry, AccessLogSubject, BreakGlass
from schools.models import Person


@dataclass
class _ViewLog:
    """What one record-showing view has logged so far."""

    written: int = 0
    denied: list[dict] = field(default_factory=list)


_current: ContextVar[_ViewLog | None] = ContextVar("access_log_view", default=None)


def shows_records(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a view as showing children's records and renders it inside one transaction
    with its log entry: if the entry cannot be written, the response is never sent.

    Refusals are written after the view's transaction, in their own, so a view that
    refuses by raising Http404 or PermissionDenied still leaves its entry; one that
    refuses without calling log_denied gets a denied entry naming the exception's
    `person_id` and `reason` if it has them, else the URL's arguments."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        state = _ViewLog()
        token = _current.set(state)
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
                if response.status_code < 300 and not state.written and not state.denied:
                    raise ImproperlyConfigured(
                        f"{request.path} is marked shows_records but wrote no access-log entry."
                    )
        except (Http404, PermissionDenied) as refusal:
            _write_denied(request, state, kwargs, refusal)
            # Re-raised as the plain exception: it is logged now, and an outer wrapper that
            # logs refusals of its own (accounts.access) must not log it a second time.
            plain = Http404 if isinstance(refusal, Http404) else PermissionDenied
            raise plain(*refusal.args) from None
        finally:
            _current.reset(token)
        _write_denied(request, state, kwargs, None)
        return response

    wrapped.shows_records = True
    return wrapped


def _write_denied(request: HttpRequest, state: _ViewLog, kwargs: dict, refusal: Exception | None) -> None:
    if refusal is not None and not state.denied:
        # The access layer's refusals carry the person asked for and why; any other
        # refusal is logged with the URL's arguments.
        state.denied.append(
            {
                "person_id": getattr(refusal, "person_id", None),
                "reason": getattr(refusal, "reason", type(refusal).__name__),
                "url_kwargs": _plain(kwargs),
            }
        )
    if not state.denied:
        return  # nothing refused: no transaction to open (most requests)
    with transaction.atomic():
        for denial in state.denied:
            _denied_entry(request=request, **denial)


def _plain(kwargs: dict) -> dict:
    return {k: str(v) for k, v in kwargs.items()}


def log_access(
    *,
    request: HttpRequest,
    kind: str,
    person_ids: Iterable[int],
    break_glass: BreakGlass | None = None,
    detail: dict | None = None,
) -> AccessLogEntry:
    """One entry for one page or API response, naming every record it showed. The actor
    is request.user, which for an API request is the user its token authenticated."""
    user = request.user if request.user.is_authenticated else None
    match = getattr(request, "resolver_match", None)
    entry = write_entry(
        actor=user,
        actor_label=user.email if user else "anonymous",
        kind=kind,
        route=match.view_name if match else "",
        path=request.get_full_path()[:2000],
        remote_addr=client_address(request),
        break_glass=break_glass,
        detail=detail or {},
        person_ids=person_ids,
    )
    state = _current.get()
    if state is not None:
        state.written += 1
    return entry


def log_system_access(
    *,
    actor_label: str,
    kind: str,
    person_ids: Iterable[int],
    route: str,
    detail: dict | None = None,
    actor: object | None = None,
) -> AccessLogEntry:
    """For Celery tasks and management commands: `actor` is the user who started the job
    when there is one; `actor_label` names it, or names the system job (e.g.
    "system:retention") when no person started it."""
    return write_entry(
        actor=actor,
        actor_label=actor_label,
        kind=kind,
        route=route,
        path="",
        remote_addr=None,
        break_glass=None,
        detail=detail or {},
        person_ids=person_ids,
    )


def log_denied(
    *, request: HttpRequest, person_id: int, reason: str, detail: dict | None = None
) -> AccessLogEntry | None:
    """A refused attempt on a record; names the person only if they exist, and never
    tells the requester whether they do. Inside a @shows_records view the entry is
    written when the view has finished (so it survives the view's rollback) and None is
    returned; elsewhere it is written at once. `detail` adds to the entry's detail (the
    API records which token was used)."""
    state = _current.get()
    if state is not None:
        state.denied.append({"person_id": person_id, "reason": reason, "extra": detail})
        return None
    return _denied_entry(request=request, person_id=person_id, reason=reason, extra=detail)


def _denied_entry(
    *,
    request: HttpRequest,
    person_id: int | None,
    reason: str,
    url_kwargs: dict | None = None,
    extra: dict | None = None,
) -> AccessLogEntry:
    exists = person_id is not None and Person.objects.filter(pk=person_id).exists()
    detail: dict = {**(extra or {}), "requested_person_id": person_id, "reason": reason}
    if url_kwargs:
        detail["url_kwargs"] = url_kwargs
    user = request.user if request.user.is_authenticated else None
    match = getattr(request, "resolver_match", None)
    return write_entry(
        actor=user,
        actor_label=user.email if user else "anonymous",
        kind=AccessLogEntry.Kind.DENIED,
        route=match.view_name if match else "",
        path=request.get_full_path()[:2000],
        remote_addr=client_address(request),
        break_glass=None,
        detail=detail,
        person_ids=[person_id] if exists else [],
    )


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: object) -> object:
    """The detail with every character PostgreSQL's JSON refuses (NUL, lone surrogates)
    replaced: the guard in portal.input_guard keeps them out of requests, and this keeps
    them out of the log whatever a task or command passes, so a log write never fails
    on them."""
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return value


def _next_entry_id() -> int | None:
    """The id is signed, so it is taken before the row is inserted: the row is then
    written once and never updated. SQLite (demo only) has no sequence to draw from."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('accounts_accesslogentry', 'id'))")
        return cursor.fetchone()[0]


def write_entry(*, person_ids: Iterable[int], at: datetime | None = None, **fields: object) -> AccessLogEntry:
    """Signs and inserts one entry and its subjects. `at` is for test fixtures only;
    every caller in the portal takes the current time."""
    people = list(dict.fromkeys(int(pid) for pid in person_ids))
    if "detail" in fields:
        fields["detail"] = _storable(fields["detail"])
    entry = AccessLogEntry(id=_next_entry_id(), at=at or timezone.now(), **fields)
    if entry.pk is None:
        return _write_without_sequence(entry, people)
    entry.signature = entry_signature(entry, people)
    _insert_with_subjects(entry, people)
    return entry


def _insert_with_subjects(entry: AccessLogEntry, people: list[int]) -> None:
    """The entry and its subjects in one statement: one round trip on every record
    page, atomic without a savepoint (the log's share of a page is a goal in make bench)."""
    fields = AccessLogEntry._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH e AS (INSERT INTO {AccessLogEntry._meta.db_table} ({columns}) "  # noqa: S608 (names are ours)
            f"VALUES ({', '.join(['%s'] * len(values))}) RETURNING id) "
            f"INSERT INTO {AccessLogSubject._meta.db_table} (entry_id, person_id) "
            "SELECT e.id, person FROM e, unnest(%s::bigint[]) AS person",  # nosec B608  # names from the models; values bound
            [*values, people],
        )


@transaction.atomic
def _write_without_sequence(entry: AccessLogEntry, people: list[int]) -> AccessLogEntry:
    """SQLite (the demo): the id is known only once the row is in."""
    entry.save(force_insert=True)
    entry.signature = entry_signature(entry, people)
    AccessLogEntry.objects.filter(pk=entry.pk).update(signature=entry.signature)
    AccessLogSubject.objects.bulk_create(AccessLogSubject(entry=entry, person_id=pid) for pid in people)
    return entry
