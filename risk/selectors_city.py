"""The taskforce's city overview: every school with its pupils on roll and flagged
pupils by tier, the flags waiting for review, and how many flagged young people have
not yet been referred. Counts come from the flags the officer sees
(`visible_current_flags`), so they agree with the flagged list they link to."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, Count, IntegerField, Max, Min, Q, Sum, Value, When
from django.utils import timezone

from risk.models import Flag, FlagSettings, Review
from risk.referral_status import referral_status_known, referred_condition
from risk.selectors import flags_switched_on, shared_indicators, visible_current_flags
from risk.selectors_flagged_list import SchoolRoll
from risk.tiers import TierName, flag_weight, tier_case
from schools.models import Enrolment, School

TREND_MONTHS = 12


@dataclass
class SchoolRow:
    school: School | None
    """None: young people with a flag who are not on any school's roll."""
    on_roll: int = 0
    tiers: Counter = field(default_factory=Counter)
    awaiting_review: int = 0
    not_referred: int = 0
    """Flagged and not yet referred (0 while the portal cannot tell)."""

    @property
    def flagged(self) -> int:
        return sum(self.tiers.values())

    @property
    def rate(self) -> float | None:
        return 100 * self.flagged / self.on_roll if self.on_roll else None

    @property
    def list_filter(self) -> str:
        """The flagged list's query string for this row's young people."""
        return f"school={self.school.pk}" if self.school else f"school_roll={SchoolRoll.OFF}"

    @property
    def where(self) -> str:
        return f"at {self.school.name}" if self.school else "not on a school roll"

    @property
    def by_tier(self) -> list[tuple[TierName, int]]:
        """Highest first, as the table's columns run."""
        return [(tier, self.tiers[tier]) for tier in (TierName.HIGH, TierName.MEDIUM, TierName.LOW)]


@dataclass(frozen=True)
class CityOverview:
    switched_on: bool
    schools: list[SchoolRow]
    not_on_roll: SchoolRow
    flagged: int
    awaiting_review: int
    not_yet_referred: int | None
    """None while the portal cannot tell who has been referred."""


def city_overview(user: object) -> CityOverview:
    settings = FlagSettings.current()
    rows = {s.pk: SchoolRow(school=s) for s in School.objects.order_by("name")}
    not_on_roll = SchoolRow(school=None)
    known = referral_status_known()
    for group in _flagged_by_school_and_tier(user, settings, referral_known=known):
        row = rows.get(group.school, not_on_roll)
        row.tiers[TierName(group.tier)] += group.people
        row.awaiting_review += group.pending
        row.not_referred += group.not_referred
    on_roll = Enrolment.objects.filter(leaving_date__isnull=True).values("school_id").annotate(n=Count("pk"))
    for school in on_roll:
        if school["school_id"] in rows:
            rows[school["school_id"]].on_roll = school["n"]
    schools = [r for r in rows.values() if r.on_roll or r.flagged]
    return CityOverview(
        switched_on=flags_switched_on(),
        schools=schools,
        not_on_roll=not_on_roll,
        flagged=sum(r.flagged for r in schools) + not_on_roll.flagged,
        awaiting_review=sum(r.awaiting_review for r in schools) + not_on_roll.awaiting_review,
        not_yet_referred=sum(r.not_referred for r in [*schools, not_on_roll]) if known else None,
    )


@dataclass(frozen=True)
class _Group:
    school: int | None
    tier: str
    people: int
    pending: int
    """Their flags awaiting review."""
    not_referred: int


def _flagged_by_school_and_tier(
    user: object, settings: FlagSettings, *, referral_known: bool
) -> list[_Group]:
    """The flagged young people the user sees, counted by current school and tier, in
    one statement. A tier needs each person's summed weight first, so the ORM's
    per-person grouping is wrapped in a second grouping, which also looks up each
    person's school once (looked up per flag, or grouped in Python, the city's 76,000
    flagged people took twice as long). "Not referred" is counted as the flagged list
    filters it (`referred_condition`), so the two agree."""
    referred = (
        Case(When(referred_condition(user), then=Value(1)), default=Value(0)) if referral_known else Value(0)
    )
    per_person = (
        visible_current_flags(user)
        .values("person_id")
        .annotate(
            weight=Sum(flag_weight()),
            pending=Count("pk", filter=Q(review=Review.PENDING)),
            referred=Max(referred, output_field=IntegerField()),
        )
        .order_by()
    )
    try:
        inner, params = per_person.annotate(tier=tier_case(settings)).query.sql_with_params()
    except EmptyResultSet:
        # The ORM's SQL of a query that can match nothing (trigger points switched off
        # for the portal, a viewer who sees nobody) is no SQL at all: nobody is flagged.
        return []
    enrolment = Enrolment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.school_id, tier, COUNT(*), SUM(pending), COUNT(*) FILTER (WHERE referred = 0) "  # nosec B608  # the ORM's own SQL and a model's table name; values bound
            f"FROM ({inner}) per_person LEFT JOIN {enrolment} e "
            "ON e.person_id = per_person.person_id AND e.leaving_date IS NULL GROUP BY 1, 2",
            params,
        )
        return [_Group(*row) for row in cursor.fetchall()]


def month_starts(today: date, months: int = TREND_MONTHS) -> list[date]:
    starts, year, month = [], today.year, today.month
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


@dataclass(frozen=True)
class Trend:
    starts: list[date]
    """The month starts since the first flag was raised, then today."""
    by_code: dict[str, list[int]]
    """Trigger point code -> flags current at each of `starts`."""
    begins: datetime | None
    """When the first flag was raised: before it the portal recorded nothing, which is
    not the same as no flags. None while no flag has been raised."""


def flags_over_time(*, today: date) -> Trend:
    """Flags current at the start of each of the last 12 months and now, per trigger
    point, in one pass over the flags: what the rules raised, whatever people later made
    of them (dismissed or waiting for review). Aggregates for the taskforce only. Month
    starts before the first flag was raised are left out."""
    begins = Flag.objects.aggregate(first=Min("raised_at"))["first"]
    starts = [
        start
        for start in month_starts(today)
        if begins is not None and timezone.make_aware(datetime.combine(start, time.min)) > begins
    ]
    moments = {f"m{i}": timezone.make_aware(datetime.combine(d, time.min)) for i, d in enumerate(starts)}
    if not starts or today != starts[-1]:
        starts.append(today)
    moments[f"m{len(starts) - 1}"] = timezone.now()
    counts = {
        key: Count(
            "pk", filter=Q(raised_at__lt=moment) & (Q(cleared_at__isnull=True) | Q(cleared_at__gte=moment))
        )
        for key, moment in moments.items()
    }
    first = next(iter(moments.values()))
    rows = (
        Flag.objects.filter(Q(cleared_at__isnull=True) | Q(cleared_at__gte=first))
        .values("indicator__code")
        .annotate(**counts)
        .order_by()
    )
    by_code: dict[str, list[int]] = defaultdict(lambda: [0] * len(starts))
    for row in rows:
        by_code[row["indicator__code"]] = [row[key] for key in moments]
    ordered = {i.code: by_code[i.code] for i in shared_indicators() if i.code in by_code}
    return Trend(starts=starts, by_code=ordered, begins=begins)
