"""Access anomalies, computed from the access log for IG review: break-glass views,
refused attempts, a user opening more records in one hour than
ACCESS_ANOMALY_RECORDS_PER_HOUR, access outside ACCESS_WORKING_HOURS / _DAYS (local
time), and sign-ins locked out after repeated failures (from django-axes' failure log).
System actors (tasks, commands) are left out of the volume and hours checks: they
are scheduled, not people browsing.

Each anomaly has a stable key, so a review recorded against it still matches when the
anomaly is computed again."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncDate, TruncHour
from django.utils import timezone

from accounts.models import AccessLogEntry, AccessLogSubject, AnomalyReview, User
from accounts.selectors_access_log import EARLIEST_DAY, LATEST_DAY

REFUSALS = {
    "out of scope": (
        "the young person is not one their role lets them open "
        "(not at their school, not on their caseload or allocated to them)"
    ),
    "not open to break-glass": "the record cannot be opened by break-glass",
    "role may not use this page": "their role may not use this page",
    "role may not use this endpoint": "their role may not use this part of the API",
    "PermissionDenied": "their role may not use this page",
    "Http404": "the record was not found for them (not one they may open, or no such record)",
    "no review, split or search of theirs leads here": (
        "no review, split or search of theirs leads to this person"
    ),
    "referral out of scope": "the referral is not one they may see",
    "intervention out of scope": "the intervention is not one they may see",
}
"""The access layer's reasons for refusing (accounts.access_records, the API's views,
interventions.selectors), in words."""


@dataclass
class Anomaly:
    key: str
    kind: str
    label: str
    actor_id: int | None
    actor_label: str
    at: datetime
    entry_count: int
    records: int
    entry_id: int | None = None
    person_ids: tuple[int, ...] = ()
    reason: str = ""
    """The reason the officer gave for breaking glass; for a refusal, the portal's own."""
    route: str = ""
    """The page asked for, for an anomaly that is one entry (break-glass, refusal)."""
    day: date | None = None
    review: AnomalyReview | None = None
    actor_name: str = ""
    """Who, as the rest of IG's pages name them; a lockout keeps its email and address,
    since whoever tried need not be the account's holder."""

    @property
    def refusal_words(self) -> str:
        """Why the portal refused, as IG reads it: the log keeps the access layer's short
        reason, which is no reason anybody gave."""
        return REFUSALS.get(self.reason, self.reason)

    @property
    def hour_words(self) -> str:
        """A volume anomaly's hour, "14:00 to 15:00 GMT", in London time with its zone: on
        the day the clocks go back, 01:00 to 02:00 happens twice ("01:00 BST to 01:00 GMT"
        is the first). Django's date filter leaves the zone out of exactly those times."""
        start, end = timezone.localtime(self.at), timezone.localtime(self.at + timedelta(hours=1))
        if start.tzname() == end.tzname():
            return f"{start:%H:%M} to {end:%H:%M} {end.tzname()}"
        return f"{start:%H:%M} {start.tzname()} to {end:%H:%M} {end.tzname()}"


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


OPENED = (AccessLogEntry.Kind.VIEW, AccessLogEntry.Kind.EXPORT)
"""What the volume check counts: records opened or taken away. Every name on a list or
in search results is in the log too, but one page of a school's list names 50 children:
counted, a head teacher's first look at their list was an anomaly, and IG's queue filled
with people doing their jobs."""


def _volume(since: datetime, until: datetime) -> list[Anomaly]:
    """Hours are truncated in UTC: London's offsets are whole hours, so each UTC hour is
    one real local hour, whereas truncated in local time the hour from 01:00 that
    happens twice when the clocks go back would be one hour of two hours' records, and
    its key (a UTC hour) would find only half of them again."""
    threshold = settings.ACCESS_ANOMALY_RECORDS_PER_HOUR
    rows = (
        AccessLogSubject.objects.filter(
            entry__at__gte=since, entry__at__lt=until, entry__actor__isnull=False, entry__kind__in=OPENED
        )
        .annotate(hour=TruncHour("entry__at", tzinfo=UTC))
        .values("entry__actor_id", "entry__actor_label", "hour")
        .annotate(records=Count("person", distinct=True), entries=Count("entry", distinct=True))
        .filter(records__gt=threshold)
    )
    return [
        Anomaly(
            key=f"volume:{r['entry__actor_id']}:{r['hour'].astimezone(UTC):%Y%m%d%H}",
            kind="volume",
            label=f"More than {threshold} people in an hour",
            actor_id=r["entry__actor_id"],
            actor_label=r["entry__actor_label"],
            at=r["hour"],
            entry_count=r["entries"],
            records=r["records"],
        )
        for r in rows
    ]


def _out_of_hours(since: datetime, until: datetime) -> list[Anomaly]:
    start, end = settings.ACCESS_WORKING_HOURS
    outside = Q(local_hour__lt=start) | Q(local_hour__gte=end) | ~Q(weekday__in=settings.ACCESS_WORKING_DAYS)
    rows = (
        AccessLogEntry.objects.filter(at__gte=since, at__lt=until, actor__isnull=False)
        .annotate(local_hour=ExtractHour("at"), weekday=ExtractIsoWeekDay("at"), day=TruncDate("at"))
        .filter(outside)
        .values("actor_id", "actor_label", "day")
        .annotate(entries=Count("id", distinct=True), records=Count("subjects__person", distinct=True))
    )
    return [
        Anomaly(
            key=f"out_of_hours:{r['actor_id']}:{r['day']:%Y-%m-%d}",
            kind="out_of_hours",
            label="Access outside working hours",
            actor_id=r["actor_id"],
            actor_label=r["actor_label"],
            at=_local_midnight(r["day"]),
            entry_count=r["entries"],
            records=r["records"],
            day=r["day"],
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


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _break_glass(since: datetime, until: datetime) -> list[Anomaly]:
    entries = AccessLogEntry.objects.filter(at__gte=since, at__lt=until, break_glass__isnull=False)
    return _entry_anomalies(entries, "break_glass", "Break-glass view")


def _refusals(since: datetime, until: datetime) -> list[Anomaly]:
    entries = AccessLogEntry.objects.filter(at__gte=since, at__lt=until, kind=AccessLogEntry.Kind.DENIED)
    return _entry_anomalies(entries, "denied", "Refused attempt")


FINDERS = {
    "break_glass": _break_glass,
    "denied": _refusals,
    "volume": _volume,
    "out_of_hours": _out_of_hours,
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
                return _local_midnight(day), _local_midnight(day + timedelta(days=1))
    except (ValueError, IndexError):
        return None
    return None


def _in_the_log(day: date) -> bool:
    """A key's hour or day can be any the calendar has; only the log's own can hold an
    anomaly, and at the calendar's ends the window's arithmetic would overflow."""
    return EARLIEST_DAY <= day <= LATEST_DAY
