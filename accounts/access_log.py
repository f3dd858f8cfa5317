"""Writing the access log. Record-showing views are wrapped in @shows_records and call
log_access in the same transaction that produces the response, so a view whose entry
cannot be written shows nothing (fail-closed)."""

from collections.abc import Callable, Iterable
from functools import wraps

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from accounts.models import AccessLogEntry, AccessLogSubject, BreakGlass
from schools.models import Person


def shows_records(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a view as showing children's records and renders it inside one transaction
    with its log entry: if the entry cannot be written, the response is never sent."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        with transaction.atomic():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response

    wrapped.shows_records = True
    return wrapped


def log_access(
    *,
    request: HttpRequest,
    kind: str,
    person_ids: Iterable[int],
    break_glass: BreakGlass | None = None,
    detail: dict | None = None,
) -> AccessLogEntry:
    user = request.user if request.user.is_authenticated else None
    match = getattr(request, "resolver_match", None)
    entry = AccessLogEntry.objects.create(
        at=timezone.now(),
        actor=user,
        actor_label=user.email if user else "anonymous",
        kind=kind,
        route=match.view_name if match else "",
        path=request.get_full_path()[:2000],
        remote_addr=request.META.get("REMOTE_ADDR") or None,
        break_glass=break_glass,
        detail=detail or {},
    )
    AccessLogSubject.objects.bulk_create(
        AccessLogSubject(entry=entry, person_id=pid) for pid in dict.fromkeys(person_ids)
    )
    return entry


def log_denied(*, request: HttpRequest, person_id: int, reason: str) -> AccessLogEntry:
    """A refused attempt on a record; names the person only if they exist, and never
    tells the requester whether they do."""
    exists = Person.objects.filter(pk=person_id).exists()
    return log_access(
        request=request,
        kind=AccessLogEntry.Kind.DENIED,
        person_ids=[person_id] if exists else [],
        detail={"requested_person_id": person_id, "reason": reason},
    )
