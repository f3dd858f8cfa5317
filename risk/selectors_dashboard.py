"""The school dashboard's counts: pupils on roll, pupils with any trigger point, per
trigger point and per tier, now and at the start of the month. Every count is of the
same flags the flagged-pupils list shows (`visible_current_flags`, undismissed), so a
count and the list it links to always agree; flags the user may not see by name are
counted together as "an additional factor"."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.db.models import Q
from django.utils import timezone

from accounts.access import ADDITIONAL_FACTOR, about_visible_young_people, flag_policy, schools_in_scope
from chronology.models import Sensitivity
from risk.models import Flag, FlagSettings, Review
from risk.selectors import HIDDEN_CODE, flags_switched_on, shared_indicators, visible_current_flags
from risk.tiers import TierName, tier_name
from schools.models import Enrolment
from schools.selectors import school_names

_FLAG_COLUMNS = ("person_id", "indicator__code", "sensitivity", "version__weight", "stronger")


@dataclass(frozen=True)
class CountRow:
    key: str
    """The list filter value: a trigger-point code, "other", or a tier."""
    label: str
    now: int
    then: int | None
    """None for flags the user may not name: they have no date for this user."""

    @property
    def change(self) -> int | None:
        return None if self.then is None else self.now - self.then


@dataclass(frozen=True)
class Dashboard:
    switched_on: bool
    on_roll: int
    flagged: CountRow
    new_this_month: int
    month_start: date
    trigger_points: list[CountRow]
    tiers: list[CountRow]
    schools: str
    """The viewer's schools by name, as the headings read them: a head teacher opening
    the portal sees which school the figures are of."""
    undated_for_viewer: bool
    """The viewer's role may not name some flags (an additional factor): their changes
    count those as they are now, so a colleague who may name them can read another
    change. Said by role, not by whether such a flag is there: the sentence itself
    must not tell that one came or went."""


@dataclass
class _Tally:
    people: set
    per_code: Counter
    weights: Counter


def _tally(rows: list[tuple], named: frozenset[str]) -> _Tally:
    per_code: dict[str, set] = defaultdict(set)
    # A plain dict while counting: a Counter's missing key costs a Python call, once for
    # each of a large school's pupils.
    weights: dict[int, int] = {}
    for person_id, code, sensitivity, weight, stronger in rows:
        per_code[code if sensitivity in named else HIDDEN_CODE].add(person_id)
        weights[person_id] = weights.get(person_id, 0) + weight * (2 if stronger else 1)
    return _Tally(
        people=set(weights),
        per_code=Counter({c: len(p) for c, p in per_code.items()}),
        weights=Counter(weights),
    )


def flags_as_of(user: object, moment: datetime) -> list[tuple]:
    """The flags the user would have seen as current and undismissed at `moment`, for
    the same young people the user sees now: raised before it, not yet cleared or
    dismissed, and (for those that wait for review) confirmed by then."""
    policy = flag_policy(user)
    if not policy.sees_flags or not flags_switched_on():
        return []
    flags = (
        Flag.objects.filter(about_visible_young_people(user), indicator__enabled=True, raised_at__lt=moment)
        .filter(Q(cleared_at__isnull=True) | Q(cleared_at__gte=moment))
        .filter(Q(dismissed_at__isnull=True) | Q(dismissed_at__gte=moment))
    )
    if not policy.sees_awaiting_review:
        flags = flags.filter(Q(review=Review.NOT_NEEDED) | Q(review=Review.CONFIRMED, reviewed_at__lt=moment))
    return list(flags.values_list(*_FLAG_COLUMNS))


def month_start(today: date) -> date:
    return today.replace(day=1)


def school_dashboard(user: object) -> Dashboard:
    today = timezone.localdate()
    start = month_start(today)
    moment = timezone.make_aware(datetime.combine(start, time.min))
    # The same instant in UTC, as the database's times come: comparing times of two
    # different zones asks each for its offset, which for a school's thousands of flags
    # cost more than the rest of the counting.
    since = moment.astimezone(UTC)
    named = flag_policy(user).named_sensitivities
    now_rows = list(visible_current_flags(user).values_list(*_FLAG_COLUMNS, "raised_at"))
    now = _tally([r[:5] for r in now_rows], named)
    # Flags the user may not name have no date for them: counted at the start of the
    # month as they are now, so that no count's change says when one came or went.
    undated = [r[:5] for r in now_rows if r[2] not in named]
    then = _tally([r for r in flags_as_of(user, moment) if r[2] in named] + undated, named)
    on_roll = Enrolment.objects.filter(about_visible_young_people(user), leaving_date__isnull=True).count()
    settings = FlagSettings.current()
    return Dashboard(
        switched_on=flags_switched_on(),
        on_roll=on_roll,
        flagged=CountRow(
            key="", label="Pupils with any trigger point", now=len(now.people), then=len(then.people)
        ),
        # Of named flags only, as the list it links to: an unnamed flag has no date.
        new_this_month=len({r[0] for r in now_rows if r[5] >= since and r[2] in named}),
        month_start=start,
        trigger_points=_trigger_point_rows(now, then),
        tiers=_tier_rows(now, then, settings),
        schools=school_names(schools_in_scope(user)) or "your school",
        undated_for_viewer=not {s.value for s in Sensitivity} <= named,
    )


def _trigger_point_rows(now: _Tally, then: _Tally) -> list[CountRow]:
    """The trigger points the user's pupils have (or had at the start of the month), by
    name where the user may see it: one the user never sees by name is not listed, so
    that it does not read as "none of your pupils" while it is counted as an
    additional factor."""
    rows = []
    for indicator in shared_indicators():
        code = indicator.code
        if (now.per_code[code] or then.per_code[code]) and indicator.versions.all():
            label = indicator.current_version.name
            rows.append(CountRow(key=code, label=label, now=now.per_code[code], then=then.per_code[code]))
    if now.per_code[HIDDEN_CODE]:
        hidden = now.per_code[HIDDEN_CODE]
        rows.append(CountRow(key=HIDDEN_CODE, label=ADDITIONAL_FACTOR, now=hidden, then=None))
    return rows


def _tier_rows(now: _Tally, then: _Tally, settings: FlagSettings) -> list[CountRow]:
    def counts(tally: _Tally) -> Counter:
        return Counter(tier_name(w, settings) for w in tally.weights.values())

    now_counts, then_counts = counts(now), counts(then)
    return [
        CountRow(key=tier.value, label=tier.label, now=now_counts[tier], then=then_counts[tier])
        for tier in (TierName.HIGH, TierName.MEDIUM, TierName.LOW)
    ]
