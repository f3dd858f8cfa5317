"""The taskforce's city overview: every school with its pupils on roll and flagged
pupils by tier, the flags waiting for review, and how many flagged young people have
not yet been referred. Counts come from the flags the officer sees
(`visible_current_flags`), so they agree with the flagged list they link to."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from risk.models import Flag, FlagSettings, Review
from risk.referral_status import referral_status_known
from risk.selectors import flags_switched_on, indicators_with_versions, visible_current_flags
from risk.selectors_flagged_list import ListQuery, Referred, flag_weight, flagged_rows
from risk.tiers import tier_name
from schools.models import Enrolment, School

TREND_MONTHS = 12


@dataclass
class SchoolRow:
    school: School | None
    """None: young people with a flag who are not on any school's roll."""
    on_roll: int = 0
    tiers: Counter = field(default_factory=Counter)
    awaiting_review: int = 0

    @property
    def flagged(self) -> int:
        return sum(self.tiers.values())

    @property
    def rate(self) -> float | None:
        return 100 * self.flagged / self.on_roll if self.on_roll else None


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
    current_school = Enrolment.objects.filter(person_id=OuterRef("person_id"), leaving_date__isnull=True)
    people = (
        visible_current_flags(user)
        .annotate(school=Subquery(current_school.values("school_id")[:1]))
        .values("person_id", "school")
        .annotate(weight=Sum(flag_weight()), pending=Count("pk", filter=Q(review=Review.PENDING)))
    )
    settings = FlagSettings.current()
    rows = {s.pk: SchoolRow(school=s) for s in School.objects.order_by("name")}
    not_on_roll = SchoolRow(school=None)
    for person in people:
        row = rows.get(person["school"], not_on_roll)
        row.tiers[tier_name(person["weight"], settings)] += 1
        row.awaiting_review += person["pending"]
    on_roll = Enrolment.objects.filter(leaving_date__isnull=True).values("school_id").annotate(n=Count("pk"))
    for school in on_roll:
        if school["school_id"] in rows:
            rows[school["school_id"]].on_roll = school["n"]
    schools = [r for r in rows.values() if r.on_roll or r.flagged]
    not_referred = (
        flagged_rows(user, ListQuery(referred=Referred.NOT_YET)).count() if referral_status_known() else None
    )
    return CityOverview(
        switched_on=flags_switched_on(),
        schools=schools,
        not_on_roll=not_on_roll,
        flagged=sum(r.flagged for r in schools) + not_on_roll.flagged,
        awaiting_review=sum(r.awaiting_review for r in schools) + not_on_roll.awaiting_review,
        not_yet_referred=not_referred,
    )


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
    ordered = {i.code: by_code[i.code] for i in indicators_with_versions() if i.code in by_code}
    return Trend(starts=starts, by_code=ordered, begins=begins)
