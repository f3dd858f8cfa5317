"""Computing flags: every enabled indicator, set-based in the database, for the whole
city (`compute_flags`, nightly) or for the people an import touched (queued when the
import commits). A run locks each indicator it works on, so two runs never decide the
same indicator's flags at once."""

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from chronology.importing.categories import CATEGORY_FEEDS
from chronology.models import Feed
from risk.models import FlagSettings, Indicator, IndicatorVersion, Review, RuleType
from risk.models.flags import ClearedBecause
from risk.rules.sql import Context, evidence_select, register_code_holders
from risk.services import compute_tables as tables
from risk.services import compute_weeks as weeks_tables
from risk.services.alerts import alert_new_flags
from risk.services.reconcile import add_hits, clear_all, reconcile

logger = logging.getLogger(__name__)

EVENT_RULES = {RuleType.EVENTS, RuleType.OPEN_EPISODE, RuleType.FAMILY_EVENTS}
REPEATING_RULES = {RuleType.FAMILY_EVENTS, RuleType.REGISTER_CODES}
"""Rules whose SELECT can find a record twice: an event both a relative's and the
household's, a pupil's session registered by two schools."""


@dataclass
class ComputeResult:
    indicators: int = 0
    raised: int = 0
    cleared: int = 0
    people_in_scope: int | None = None
    """None for a full run."""
    skipped: str = ""
    per_indicator: dict[str, tuple[int, int, float]] = field(default_factory=dict)
    """code -> (raised, cleared, seconds)."""


def rule_feeds(rule: dict) -> set[str]:
    """The feeds whose records can change whether the rule holds."""
    kind, p = rule["type"], rule["params"]
    if kind in tables.ATTENDANCE_RULES:
        return {Feed.Code.ATTENDANCE}
    if kind == RuleType.ATTRIBUTE:
        return {Feed.Code.SCHOOL_CENSUS}
    feeds = {CATEGORY_FEEDS[c] for c in p["categories"]}
    if kind == RuleType.FAMILY_EVENTS:
        feeds.add(Feed.Code.HOUSEHOLDS)
    return feeds


def _versions(feed_code: str | None) -> tuple[list[IndicatorVersion], list[Indicator]]:
    """(current versions of the enabled indicators the feed can affect, disabled ones)."""
    indicators = list(Indicator.objects.order_by("pk").prefetch_related("versions"))
    enabled, disabled = [], []
    for indicator in indicators:
        if not indicator.enabled:
            disabled.append(indicator)
            continue
        version = indicator.current_version
        if version is None:
            continue
        if feed_code is None or any(feed_code in rule_feeds(r) for r in version.rules):
            enabled.append(version)
    return enabled, disabled


def _event_needs(versions: list[IndicatorVersion], ctx: Context) -> list[tables.EventNeed]:
    needs = []
    for version in versions:
        for rule in version.rules:
            kind, p = rule["type"], rule["params"]
            if kind == RuleType.OPEN_EPISODE:
                needs.append(tables.EventNeed(tuple(p["categories"]), None))
            elif kind in EVENT_RULES:
                needs.append(tables.EventNeed(tuple(p["categories"]), ctx.since(p["days"])))
    return needs


def _context(versions: list[IndicatorVersion], today: date) -> Context:
    weeks_wanted = max(
        (r["params"]["weeks"] for v in versions for r in v.rules if r["type"] in tables.ATTENDANCE_RULES),
        default=0,
    )
    sensitivity = dict(Feed.objects.values_list("code", "default_sensitivity"))
    return Context(
        today=today,
        school_weeks=weeks_tables.school_weeks(today, weeks_wanted) if weeks_wanted else [],
        attendance_sensitivity=sensitivity.get(Feed.Code.ATTENDANCE, "education"),
        census_sensitivity=sensitivity.get(Feed.Code.SCHOOL_CENSUS, "education"),
    )


@transaction.atomic
def compute_flags(
    *,
    people: Iterable[int] | None = None,
    families: Iterable[int] = (),
    feed_code: str | None = None,
    days: tuple[date, date] | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> ComputeResult:
    """Bring flags into line with the evidence. `people` (and `families`) limit the run
    to those touched and their households; `feed_code` to indicators that feed can
    affect; `days` (the first and last day of what an import wrote) to indicators
    whose windows those days reach. Without them, every young person and every
    indicator. A run for some people decides everyone after all when an attendance
    indicator's window has moved since its flags were last decided for everyone."""
    result = ComputeResult()
    if not FlagSettings.current().flags_enabled:
        result.skipped = "Trigger points are switched off for the portal."
        return result
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    scoped = people is not None
    versions, disabled = _versions(feed_code)
    if not (versions or disabled):
        return result
    tables.drop_all()
    if connection.vendor == "postgresql":
        # Grouping a city's attendance weeks spilled to disk at the default work_mem.
        # Comparing a city's evidence with what was found now is a join on several text
        # columns, which the planner costed as two sorts of half a million rows each
        # (seconds) where hashing them takes a fraction of that. (JIT is off for every
        # connection of the portal: portal/settings/base.py.)
        tables.execute("SET LOCAL work_mem = '256MB'")
        tables.execute("SET LOCAL enable_mergejoin = off")
    try:
        ctx = _context(versions, today) if versions else None
        versions = [v for v in versions if _may_change(v, ctx, days)]
        _lock(versions)
        if versions:
            # Read again under the lock: the window another run decided over is final.
            ctx = _context(versions, today)
            scoped = scoped and not _window_moved(versions, ctx)
        if scoped:
            households = any(r["type"] == RuleType.FAMILY_EVENTS for v in versions for r in v.rules)
            tables.fill_scope(people, families, households=households)
            result.people_in_scope = _count("risk_scope")
        stamp = connection.ops.adapt_datetimefield_value(now)
        for indicator in Indicator.objects.select_for_update().filter(pk__in=[i.pk for i in disabled]):
            result.cleared += clear_all(
                indicator=indicator, now=stamp, scoped=scoped, because=ClearedBecause.INDICATOR_OFF
            )
        if not versions:
            return result
        weeks_tables.fill_weeks(_rate_rules(versions, ctx), scoped=scoped)
        tables.fill_young(today, scoped=scoped, among=_attendance_candidates(versions, ctx))
        tables.fill_events(_event_needs(versions, ctx), today, scoped=scoped)
        tables.create_run([_run_row(v) for v in versions])
        tables.create_hits()
        seconds = _find_hits(versions, ctx)
        outcome = reconcile(now=stamp, scoped=scoped)
        for version in versions:
            pk = version.indicator_id
            result.per_indicator[version.indicator.code] = (
                outcome.raised_by[pk],
                outcome.cleared_by[pk],
                round(seconds[pk], 2),
            )
        result.indicators = len(versions)
        result.raised = len(outcome.raised)
        result.cleared += sum(outcome.cleared_by.values())
        if not scoped:
            _remember_windows(versions, ctx)
        alert_new_flags(flag_ids=outcome.raised)
    finally:
        tables.drop_all()
    return result


def _find_hits(versions: list[IndicatorVersion], ctx: Context) -> dict[int, float]:
    """Every indicator's evidence into risk_hits; returns the seconds each took."""
    seconds = {}
    for version in versions:
        started = time.monotonic()
        for n, rule in enumerate(version.rules):
            select = evidence_select(rule, ctx)
            if select is not None:
                add_hits(
                    version.indicator_id,
                    *select,
                    repeats=rule["type"] in REPEATING_RULES,
                    after_other_rules=n > 0,
                )
        seconds[version.indicator_id] = time.monotonic() - started
    tables.index_hits()
    return seconds


def _lock(versions: list[IndicatorVersion]) -> None:
    """Locks the run's indicators, in one order, so that two runs never decide the same
    indicator's flags at once and never deadlock."""
    list(
        Indicator.objects.select_for_update()
        .filter(pk__in=[v.indicator_id for v in versions])
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _may_change(version: IndicatorVersion, ctx: Context, days: tuple[date, date] | None) -> bool:
    """Whether records dated within `days` can change what the version finds. An
    attendance rule looks only at its last school weeks up to this week: marks before
    the oldest of them (a late correction of last term's register) or after this week
    cannot change its window or its counts, unless the window is not yet full (a mark
    in an older week would join it). Any other rule is recomputed."""
    if days is None:
        return True
    this_sunday = ctx.today + timedelta(days=6 - ctx.today.weekday())
    for rule in version.rules:
        if rule["type"] not in tables.ATTENDANCE_RULES:
            return True
        wanted = rule["params"]["weeks"]
        weeks = ctx.last_weeks(wanted)
        if len(weeks) < wanted or (days[1] >= weeks[-1] and days[0] <= this_sunday):
            return True
    return False


def _windows(versions: list[IndicatorVersion], ctx: Context) -> dict[int, list[str]]:
    """Each attendance indicator's window: the school weeks its rules look at."""
    wanted = {
        v.indicator_id: max(
            (r["params"]["weeks"] for r in v.rules if r["type"] in tables.ATTENDANCE_RULES), default=0
        )
        for v in versions
    }
    return {pk: [w.isoformat() for w in ctx.last_weeks(n)] for pk, n in wanted.items() if n}


def _window_moved(versions: list[IndicatorVersion], ctx: Context) -> bool:
    """Whether an attendance indicator's window differs from the one its flags were last
    decided over for everyone. School weeks are the city's (a week is a school week once
    any school's register holds a mark in it), so one school's Monday register moves
    every pupil's window: the run must then decide everyone, not just the people touched."""
    windows = _windows(versions, ctx)
    decided = dict(Indicator.objects.filter(pk__in=windows).values_list("pk", "decided_weeks"))
    return any(decided.get(pk) != weeks for pk, weeks in windows.items())


def _remember_windows(versions: list[IndicatorVersion], ctx: Context) -> None:
    for pk, weeks in _windows(versions, ctx).items():
        Indicator.objects.filter(pk=pk).update(decided_weeks=weeks)


def _rate_rules(versions: list[IndicatorVersion], ctx: Context) -> list[weeks_tables.RateRule]:
    """The run's attendance-rate rules, each with its window."""
    return [
        weeks_tables.RateRule(tuple(ctx.last_weeks(p["weeks"])), p["min_possible"], p["max_percent"])
        for v in versions
        for r in v.rules
        if r["type"] == RuleType.ATTENDANCE_RATE
        for p in [r["params"]]
    ]


def _attendance_candidates(versions: list[IndicatorVersion], ctx: Context) -> list[tuple[str, list]] | None:
    """When every rule of the run is an attendance rule, the people any of them can hold
    for (see fill_young); None when some other rule may hold for anyone."""
    rules = [r for v in versions for r in v.rules]
    if any(r["type"] not in tables.ATTENDANCE_RULES for r in rules):
        return None
    among = [("SELECT DISTINCT person_id FROM risk_weeks", [])]
    for rule in rules:
        weeks = ctx.last_weeks(rule["params"]["weeks"])
        if rule["type"] == RuleType.REGISTER_CODES and weeks:
            among.append(register_code_holders(weeks[-1], ctx.today, rule["params"]["codes"]))
    return among


def _run_row(version: IndicatorVersion) -> tuple[int, int, str, int | None]:
    review = Review.PENDING if version.needs_review else Review.NOT_NEEDED
    return (version.indicator_id, version.pk, review, version.stronger_at)


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # nosec B608  # table names from code; values bound
        return cursor.fetchone()[0]
