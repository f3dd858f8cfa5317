"""Access anomalies, computed from the access log for IG review: break-glass views,
refused attempts, a user opening more records in one hour than
ACCESS_ANOMALY_RECORDS_PER_HOUR, access outside ACCESS_WORKING_HOURS / _DAYS (local
time), and sign-ins locked out after repeated failures (from django-axes' failure log).
The two patterns (volume, hours) are found in accounts.selectors_anomaly_patterns.

Each anomaly has a stable key, so a review recorded against it still matches when the
anomaly is computed again."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.conf import settings

from accounts.anomaly import Anomaly
from accounts.models import AccessLogEntry, AccessLogSubject, AnomalyReview, User
from accounts.selectors_access_log import EARLIEST_DAY, LATEST_DAY
from accounts.selectors_anomaly_patterns import out_of_hours, volume
from accounts.working_time import local_midnight


def _entry_anomalies(entries, kind: str, label: str) -> list[Anomaly]:
    rows = list(
        entries.values("id", "at", "actor_id", "actor_label", "route", "break_glass__reason", "detail")
    )
    people: dict[int, list[int]] = {r["id"]: [] for r in rows}
    for entry_id, person_id in AccessLogSubject.objects.filter(entry_id__in=people).values_list(
        "entry_id", "person_id"
    ):
        people[entry_id].append(person_id)
    return [
        Anomaly(
            key=f"{kind}:{r['id']}",
            kind=kind,
            label=label,
            actor_id=r["actor_id"],
            actor_label=r["actor_label"],
            at=r["at"],
            entry_count=1,
            records=len(people[r["id"]]),
            entry_id=r["id"],
            person_ids=tuple(people[r["id"]]),
            reason=r["break_glass__reason"] or r["detail"].get("reason", ""),
            route=r["route"],
        )
        for r in rows
    ]


def _lockouts(since: datetime, until: datetime) -> list[Anomaly]:
    """Sign-ins locked out after repeated failures (django-axes): the first locked-out
    attempt of each email and address within a cool-off period, so that someone who keeps
    trying makes one anomaly, not one per attempt."""
    from axes.models import AccessFailureLog

    cooloff = settings.AXES_COOLOFF_TIME
    rows = list(
        AccessFailureLog.objects.filter(
            locked_out=True, attempt_time__gte=since - cooloff, attempt_time__lt=until
        )
        .order_by("attempt_time", "id")
        .values("id", "attempt_time", "username", "ip_address")
    )
    users = dict(User.objects.filter(email__in={r["username"] for r in rows}).values_list("email", "id"))
    last: dict[tuple, datetime] = {}
    found = []
    for r in rows:
        pair = (r["username"], r["ip_address"])
        previous, last[pair] = last.get(pair), r["attempt_time"]
        if (previous is not None and r["attempt_time"] - previous < cooloff) or r["attempt_time"] < since:
            continue
        found.append(
            Anomaly(
                key=f"lockout:{r['id']}",
                kind="lockout",
                label="Sign-in locked out after repeated failures",
                actor_id=users.get(r["username"]),
                actor_label=f"{r['username'] or 'no email given'} from {r['ip_address'] or 'unknown'}",
                at=r["attempt_time"],
                entry_count=1,
                records=0,
            )
        )
    return found


def _break_glass(since: datetime, until: datetime) -> list[Anomaly]:
    entries = AccessLogEntry.objects.filter(at__gte=since, at__lt=until, break_glass__isnull=False)
    return _entry_anomalies(entries, "break_glass", "Break-glass view")


def _refusals(since: datetime, until: datetime) -> list[Anomaly]:
    entries = AccessLogEntry.objects.filter(at__gte=since, at__lt=until, kind=AccessLogEntry.Kind.DENIED)
    return _entry_anomalies(entries, "denied", "Refused attempt")


FINDERS = {
    "break_glass": _break_glass,
    "denied": _refusals,
    "volume": volume,
    "out_of_hours": out_of_hours,
    "lockout": _lockouts,
}
KINDS = tuple(FINDERS)


def anomalies(
    *, since: datetime, until: datetime, include_reviewed: bool = True, kinds: Iterable[str] = KINDS
) -> list[Anomaly]:
    """The anomalies of these kinds in [since, until), newest first, each with its review
    if any."""
    found = [anomaly for kind in kinds for anomaly in FINDERS[kind](since, until)]
    reviews = AnomalyReview.objects.select_related("reviewer").in_bulk(
        [a.key for a in found], field_name="key"
    )
    named = {a.actor_id for a in found if a.actor_id and a.kind != "lockout"}
    names = dict(User.objects.filter(pk__in=named).values_list("pk", "display_name"))
    for anomaly in found:
        anomaly.review = reviews.get(anomaly.key)
        anomaly.actor_name = names.get(anomaly.actor_id, "") if anomaly.kind != "lockout" else ""
    if not include_reviewed:
        found = [a for a in found if a.review is None]
    return sorted(found, key=lambda a: (a.at, a.key), reverse=True)


def anomaly_by_key(key: str) -> Anomaly | None:
    """Recomputes the one anomaly a key names, or None if the log shows no such anomaly."""
    window = _window(key)
    if window is None:
        return None
    return next((a for a in anomalies(since=window[0], until=window[1]) if a.key == key), None)


def _window(key: str) -> tuple[datetime, datetime] | None:
    kind, _, rest = key.partition(":")
    try:
        if kind in {"break_glass", "denied"}:
            at = AccessLogEntry.objects.filter(pk=int(rest)).values_list("at", flat=True).first()
            return (at, at + timedelta(microseconds=1)) if at else None
        if kind == "lockout":
            from axes.models import AccessFailureLog

            at = AccessFailureLog.objects.filter(pk=int(rest)).values_list("attempt_time", flat=True).first()
            return (at, at + timedelta(microseconds=1)) if at else None
        if kind == "volume":
            hour = datetime.strptime(rest.split(":")[1], "%Y%m%d%H").replace(tzinfo=UTC)
            if _in_the_log(hour.date()):
                return hour, hour + timedelta(hours=1)
        if kind == "out_of_hours":
            day = date.fromisoformat(rest.split(":")[1])
            if _in_the_log(day):
                return local_midnight(day), local_midnight(day + timedelta(days=1))
    except (ValueError, IndexError):
        return None
    return None


def _in_the_log(day: date) -> bool:
    """A key's hour or day can be any the calendar has; only the log's own can hold an
    anomaly, and at the calendar's ends the window's arithmetic would overflow."""
    return EARLIEST_DAY <= day <= LATEST_DAY
