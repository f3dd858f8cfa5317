"""Reads of indicators and flags. Who may see which flag, and how much of it, is the
access layer's decision (`accounts.access.flags_for` / `flag_policy`); these
selectors apply it and never scope by hand.

For pages about one or a page of young people, use `person_flags(user, people)`:
    shown = person_flags(request.user, [p.pk for p in page])
    for pf in shown[person.pk].current: pf.label, pf.code, pf.named, pf.flag.raised_at
    shown[person.pk].tier.name, shown[person.pk].tier.reasons
    shown[person.pk].dismissed  # current flags someone dismissed, with who/when/why
Every person asked about and visible to the user has an entry (with no flags if none).

For counts, filters and sorting in the database (dashboards, lists, CSV), use
`visible_current_flags(user)`: a Flag queryset scoped to the user's young people,
without flags waiting for review unless the user is the taskforce, each row
annotated `named` (False: show only ADDITIONAL_FACTOR, never its code or name)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, QuerySet, Value, When

from accounts.access import ADDITIONAL_FACTOR, ShownFlag, about_visible_young_people, flag_policy, flags_for
from accounts.access_memo import remembered
from portal.db_lookups import IdIn
from risk.models import DismissalReason, Flag, FlagSettings, Indicator, IndicatorVersion, Review
from risk.tiers import Tier, tier_of

HIDDEN_CODE = "other"
"""What filters and exports use for a flag the viewer may not see by name."""


def flags_switched_on() -> bool:
    return FlagSettings.current().flags_enabled


def indicators_with_versions() -> QuerySet[Indicator]:
    """Every indicator, in order, with its versions (newest first) prefetched, so
    `current_version` costs no query."""
    versions = IndicatorVersion.objects.order_by("-number")
    return Indicator.objects.prefetch_related(Prefetch("versions", queryset=versions))


def indicator_code_taken(code: str) -> bool:
    return Indicator.objects.filter(code=code).exists()


def indicator_with_history(code: str) -> Indicator | None:
    """One indicator with every version (newest first) and who made each."""
    versions = IndicatorVersion.objects.select_related("created_by").order_by("-number")
    return (
        Indicator.objects.prefetch_related(Prefetch("versions", queryset=versions)).filter(code=code).first()
    )


@dataclass(frozen=True)
class _Catalogue:
    indicators: list[Indicator]
    versions: dict[int, IndicatorVersion]


def _read_catalogue() -> _Catalogue:
    indicators = list(indicators_with_versions())
    return _Catalogue(indicators, {v.pk: v for i in indicators for v in i.versions.all()})


def _catalogue() -> _Catalogue:
    return remembered(("risk", "indicator catalogue"), _read_catalogue)


def shared_indicators() -> list[Indicator]:
    """indicators_with_versions, read once per request (accounts.access_memo) and shared
    with the flags the page shows (current_flags)."""
    return _catalogue().indicators


def current_flags(person_ids: Iterable[int]) -> list[Flag]:
    """current_flag_rows, each flag with its indicator and version from the request's one
    read of them (shared_indicators): brought with each flag, the same few indicators and
    versions were built again for every flag, their rules parsed each time, which was
    most of the cost of reading a page's flags."""
    rows = current_flag_rows(person_ids).select_related(None).select_related("dismissed_by", "reviewed_by")
    flags = list(rows)
    if not flags:
        return flags
    catalogue = _catalogue()
    if any(flag.version_id not in catalogue.versions for flag in flags):
        catalogue = _read_catalogue()  # a version made since this request read them
    indicators = {indicator.pk: indicator for indicator in catalogue.indicators}
    for flag in flags:
        flag.indicator = indicators[flag.indicator_id]
        flag.version = catalogue.versions[flag.version_id]
    return flags


def current_flag_rows(person_ids: Iterable[int]) -> QuerySet[Flag]:
    """Unscoped: the current flags of enabled indicators for these people, with what a
    page shows of them. Only for the access layer's flag source and for tasks; pages
    go through person_flags or visible_current_flags."""
    if not flags_switched_on():
        return Flag.objects.none()
    return (
        Flag.objects.filter(person_id__in=list(person_ids), cleared_at__isnull=True, indicator__enabled=True)
        .select_related("indicator", "version", "dismissed_by", "reviewed_by")
        .order_by("indicator__position", "indicator__code")
    )


@dataclass(frozen=True)
class PersonFlag:
    """One flag as this viewer may see it; unnamed, every flag of the young person the
    viewer may not name, as one additional factor (`flag` is the first of them and must
    not be shown: its id or date would let them be counted)."""

    flag: Flag
    named: bool
    behind: tuple[Flag, ...] = ()

    @property
    def flags(self) -> tuple[Flag, ...]:
        """Every flag this one stands for."""
        return self.behind or (self.flag,)

    @property
    def label(self) -> str:
        return self.flag.version.name if self.named else ADDITIONAL_FACTOR

    @property
    def code(self) -> str:
        return self.flag.indicator.code if self.named else HIDDEN_CODE

    @property
    def weight(self) -> int:
        """Its part of the tier: an additional factor weighs all its flags together."""
        return sum(flag.version.weight * (2 if flag.stronger else 1) for flag in self.flags)


@dataclass
class PersonFlags:
    current: list[PersonFlag] = field(default_factory=list)
    """Current flags nobody has dismissed: these make the tier."""
    dismissed: list[PersonFlag] = field(default_factory=list)
    tier: Tier | None = None


def person_flags(user: object, people: Iterable[int]) -> dict[int, PersonFlags]:
    """Each visible person's current and dismissed flags and tier, as the user may see
    them; a fixed number of queries however many people."""
    shown = flags_for(user, people)
    settings = FlagSettings.current()
    result = {}
    for person_id, flags in shown.items():
        entry = PersonFlags()
        for one in flags:
            item = _person_flag(one)
            (entry.dismissed if item.flag.is_dismissed else entry.current).append(item)
        entry.tier = tier_of(
            [(f.label, f.weight) for f in entry.current],
            settings,
            weighs_unnamed=not all(f.named for f in entry.current),
        )
        result[person_id] = entry
    return result


def _person_flag(shown: ShownFlag) -> PersonFlag:
    return PersonFlag(flag=shown.flag, named=shown.named, behind=shown.behind)


def visible_current_flags(
    user: object, *, include_dismissed: bool = False, probed: bool = False
) -> QuerySet[Flag]:
    """Current flags of the user's young people, for counting and filtering in SQL;
    each annotated `named`. Dismissed flags are left out unless asked for. `probed`: for
    a query that stops at its first flags (about_visible_young_people says why)."""
    policy = flag_policy(user)
    if not policy.sees_flags or not flags_switched_on():
        # Annotated all the same, so that callers filtering on `named` get no rows, not an error.
        return Flag.objects.none().annotate(named=Value(False, output_field=BooleanField()))
    # The enabled indicators by id, from the request's one read of them: joined to the
    # indicators instead, every count and list paid PostgreSQL more planning and a join
    # for the few rows it stands for (the flagged list by tier in year 9, 16 -> 13 ms).
    enabled = [indicator.pk for indicator in shared_indicators() if indicator.enabled]
    flags = Flag.objects.filter(
        about_visible_young_people(user, probed=probed),
        IdIn(F("indicator_id"), enabled),
        cleared_at__isnull=True,
    )
    if not policy.sees_awaiting_review:
        flags = flags.exclude(review=Review.PENDING)
    if not include_dismissed:
        flags = flags.filter(dismissed_at__isnull=True)
    return flags.annotate(
        named=Case(
            When(sensitivity__in=sorted(policy.named_sensitivities), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def referral_trigger_points(user: object, person_id: int) -> list[PersonFlag]:
    """For a referral form: the trigger points it concerns, pre-filled from the young
    person's current, undismissed flags as the referrer may see them."""
    return person_flags(user, [person_id]).get(person_id, PersonFlags()).current


def flag_tiers(pks: Iterable[int]) -> dict[int, str]:
    """Unscoped: these flags' sensitivities now, for snapshots that keep flags' facts (a
    referral's trigger points, a measure's count). A flag follows its evidence's tier (a
    feed raised to restricted raises it at once), so what was kept of it is shown no
    lower."""
    return dict(Flag.objects.filter(pk__in=sorted(set(pks))).values_list("pk", "sensitivity"))


def flag_by_id(pk: int) -> Flag | None:
    """A flag with what its review page shows; the caller checks that the user may open
    its young person (person_for_request) before showing anything of it."""
    return Flag.objects.select_related("indicator", "version", "person").filter(pk=pk).first()


def review_queue(user: object) -> QuerySet[Flag]:
    """Current flags waiting for the taskforce's review, oldest first, for the user's
    scope (the taskforce's caseload includes every flagged young person)."""
    if not flag_policy(user).sees_awaiting_review:
        return Flag.objects.none()
    return (
        visible_current_flags(user)
        .filter(review=Review.PENDING)
        .select_related("person", "indicator", "version")
        .order_by("raised_at", "pk")
    )


@dataclass(frozen=True)
class IndicatorOutcome:
    """How one indicator's flags have fared: the council's running measure of false
    positives (DESIGN.md section 2). Counts only, never people."""

    indicator: Indicator
    raised: int
    current: int
    confirmed: int
    dismissed: int
    reasons: list[tuple[str, int]]

    @property
    def dismissed_percent(self) -> str | None:
        """Rounded to a whole percent, but never to 0 when some were dismissed: 3 of
        1,656 read "0%", as if the indicator had never been found wrong."""
        if not self.raised:
            return None
        percent = 100 * self.dismissed / self.raised
        return "under 1" if 0 < percent < 1 else str(round(percent))


def indicator_outcomes() -> list[IndicatorOutcome]:
    """Per indicator, in two queries however many flags there are."""
    counts = {
        row["indicator_id"]: row
        for row in Flag.objects.values("indicator_id").annotate(
            raised=Count("pk"),
            current=Count("pk", filter=Q(cleared_at__isnull=True)),
            confirmed=Count("pk", filter=Q(review=Review.CONFIRMED)),
            dismissed=Count("pk", filter=Q(dismissed_at__isnull=False)),
        )
    }
    reasons: dict[int, list[tuple[str, int]]] = {}
    dismissed = Flag.objects.filter(dismissed_at__isnull=False).values("indicator_id", "dismissal_reason")
    for row in dismissed.annotate(n=Count("pk")).order_by("indicator_id", "-n", "dismissal_reason"):
        label = DismissalReason(row["dismissal_reason"]).label
        reasons.setdefault(row["indicator_id"], []).append((label, row["n"]))
    outcomes = []
    for indicator in indicators_with_versions():
        row = counts.get(indicator.pk, {})
        outcomes.append(
            IndicatorOutcome(
                indicator=indicator,
                raised=row.get("raised", 0),
                current=row.get("current", 0),
                confirmed=row.get("confirmed", 0),
                dismissed=row.get("dismissed", 0),
                reasons=reasons.get(indicator.pk, []),
            )
        )
    return outcomes
