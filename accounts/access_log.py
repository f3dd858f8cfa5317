"""Writing the access log. Record-showing views call log_access in the same
transaction that produces the response, so a view whose entry cannot be written
shows nothing (fail-closed)."""

from collections.abc import Iterable

from django.http import HttpRequest
from django.utils import timezone

from accounts.models import AccessLogEntry, AccessLogSubject, BreakGlass


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
