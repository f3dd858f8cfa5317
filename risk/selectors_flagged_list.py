"""The flagged-pupils list: the young people a user may see who have a current trigger
point, filtered, searched and sorted in the database. Scope, review and naming come
from the access layer through `visible_current_flags`; this module only narrows it.

One grouped query over the user's visible flags gives each person's tier weight and
counts, so the list's cost follows the flags of the user's own pupils, never the city,
and its query count never grows with the number of rows."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    Window,
)
from django.utils import timezone

from accounts.access import about_visible_young_people, flag_policy, search_young_people
from risk.flagged_list_order import ordered
from risk.models import FlagSettings
from risk.referral_status import referral_status_known, referred_condition
from risk.selectors import HIDDEN_CODE, PersonFlags, person_flags, shared_indicators, visible_current_flags
from risk.tiers import flag_weight, tier_case, tier_rank_case
from schools.models import Enrolment, Person
from schools.selectors import with_current_enrolment


class Dismissed:
    NO = "no"
    YES = "yes"
    EITHER = "either"


class Referred:
    ANY = ""
    NOT_YET = "no"
    YES = "yes"


class SchoolRoll:
    """Whether the young person is on any school's roll now. Those who are not (left,
    excluded, never enrolled) matter most to the taskforce; school staff see only their
    own pupils on roll, so for them "not on a roll" is always empty."""

    ANY = ""
    ON = "on"
    OFF = "off"


MOST_ROWS = 2**31
"""More rows than any list holds: a page number beyond it is past the end, and never
becomes an offset PostgreSQL would refuse."""

SORTS = {
    "name": "Name",
    "tier": "Tier, highest first",
    "count": "Most trigger points first",
    "newest": "Newest trigger point first",
    "year": "Year group",
}


@dataclass(frozen=True)
class ListQuery:
    """What the list is filtered to; empty strings mean "any"."""

    trigger_point: str = ""
    tier: str = ""
    year_group: str = ""
    sen: str = ""
    fsm: str = ""
    dismissed: str = Dismissed.NO
    referred: str = Referred.ANY
    school: int | None = None
    school_roll: str = SchoolRoll.ANY
    raised_since: date | None = None
    q: str = ""
    sort: str = "name"


@dataclass(frozen=True)
class ListRow:
    person: Person
    enrolment: Enrolment | None
    flags: PersonFlags
    dismissed: str
    """Which flags the list is of (a Dismissed value): the row shows those, so a pupil
    listed for a dismissed flag is never shown with none."""

    @property
    def trigger_points(self) -> list:
        if self.dismissed == Dismissed.YES:
            return self.flags.dismissed
        if self.dismissed == Dismissed.EITHER:
            return [*self.flags.current, *self.flags.dismissed]
        return self.flags.current

    @property
    def codes(self) -> list[str]:
        """As the CSV gives them: a dismissed one marked, as the list tags it."""
        return [f"{f.code}(dismissed)" if f.flag.is_dismissed else f.code for f in self.trigger_points]


def _people_filter(user: object, query: ListQuery, today: date) -> Q:
    """Filters on the person and their current enrolment, as person-id subqueries."""
    conditions = Q()
    if query.q:
        conditions &= Q(person__in=search_young_people(user, query.q).values("pk"))
    enrolment = {}
    if query.year_group:
        enrolment["year_group"] = query.year_group
    if query.sen:
        enrolment["sen_provision"] = "" if query.sen == "none_recorded" else query.sen
    if query.school is not None:
        enrolment["school_id"] = query.school
    # Only the user's own young people's enrolments: the flags are of those anyway, and
    # PostgreSQL then reads the few enrolments of one school, not those of the city.
    current = Enrolment.objects.filter(
        about_visible_young_people(user), leaving_date__isnull=True, **enrolment
    )
    if query.fsm:
        eligible = Q(fsm_start_date__lte=today) & (Q(fsm_end_date__isnull=True) | Q(fsm_end_date__gte=today))
        current = current.filter(eligible) if query.fsm == "yes" else current.exclude(eligible)
    if enrolment or query.fsm:
        conditions &= Q(person__in=current.values("person_id"))
    if query.school_roll:
        on_roll = Q(person__in=Enrolment.objects.filter(leaving_date__isnull=True).values("person_id"))
        conditions &= on_roll if query.school_roll == SchoolRoll.ON else ~on_roll
    if query.referred and referral_status_known():
        referred = referred_condition(user)
        conditions &= referred if query.referred == Referred.YES else ~referred
    return conditions


def _named(user: object) -> Q:
    """The flags the user sees by name: only these have a date for them."""
    return Q(sensitivity__in=sorted(flag_policy(user).named_sensitivities))


def _shown(user: object, query: ListQuery) -> Q:
    """Which of a person's flags the row is listed for: undismissed (the default),
    dismissed, or either; of one trigger point, or of those the user may not see by
    name ("other"); raised since a date. An unnamed flag has no date for the user, so
    a date selects named flags only: else narrowing it would find the day it was raised."""
    shown = Q()
    if query.dismissed == Dismissed.NO:
        shown &= Q(dismissed_at__isnull=True)
    elif query.dismissed == Dismissed.YES:
        shown &= Q(dismissed_at__isnull=False)
    named = _named(user)
    if query.trigger_point == HIDDEN_CODE:
        shown &= ~named
    elif query.trigger_point:
        shown &= named & Q(indicator__code=query.trigger_point)
    if query.raised_since:
        shown &= named & Q(raised_at__gte=timezone.make_aware(datetime.combine(query.raised_since, time.min)))
    return shown


def _shown_count(listed: Q, named: Q) -> Count:
    """The trigger points a row shows: each named one, and those the user may not name
    as one additional factor (one more for the dismissed ones), as the row lists them;
    counting each would let the "most trigger points" order count them."""
    unnamed = listed & ~named
    return (
        Count("pk", filter=listed & named)
        + Max(Value(1), filter=unnamed & Q(dismissed_at__isnull=True), default=0)
        + Max(Value(1), filter=unnamed & Q(dismissed_at__isnull=False), default=0)
    )


def flagged_rows(user: object, query: ListQuery) -> QuerySet:
    """One row per listed person, `person_id`, in the order asked for. Dicts, not people:
    pages fetch the people of one page only. What the rows are filtered and sorted by is
    aliased, not selected, and only when asked for: each unused aggregate cost the
    statement's building, compiling and planning on every page (the tier alone repeats
    the summed weight six times)."""
    today = timezone.localdate()
    flags = visible_current_flags(user, include_dismissed=True).filter(_people_filter(user, query, today))
    listed, named = _shown(user, query), _named(user)
    rows = (
        flags.values("person_id")
        .alias(
            shown=_shown_count(listed, named),
            surname=Max("person__surname"),
            forename=Max("person__forename"),
        )
        .filter(shown__gt=0)
    )
    if query.tier or query.sort == "tier":
        rows = _with_tier(rows, named)
    if query.tier:
        rows = rows.filter(tier=query.tier)
    if query.sort == "newest":
        rows = rows.alias(latest=Max("raised_at", filter=listed & named))
    return ordered(rows, query.sort)


def _with_tier(rows: QuerySet, named: Q) -> QuerySet:
    """`tier` and `tier_rank` from the weight of undismissed flags, as the tier counts
    it, and `named_weight`, the part of it the user sees by name."""
    standing = Q(dismissed_at__isnull=True)
    settings = FlagSettings.current()
    return rows.alias(
        weight=Sum(flag_weight(), filter=standing, default=0),
        named_weight=Sum(flag_weight(), filter=standing & named, default=0),
    ).alias(tier=tier_case(settings), tier_rank=tier_rank_case(settings))


def rows_for(user: object, person_ids: list[int], *, dismissed: str) -> list[ListRow]:
    """The people behind a page of rows, each with their flags as the user may see
    them: a fixed number of queries however many rows."""
    people = with_current_enrolment(Person.objects.filter(pk__in=person_ids)).in_bulk()
    shown = person_flags(user, person_ids)
    return [
        ListRow(
            person=people[pk],
            enrolment=(people[pk].current_enrolments or [None])[0],
            flags=shown[pk],
            dismissed=dismissed,
        )
        for pk in person_ids
        if pk in people and pk in shown
    ]


def named_trigger_points(user: object, *, city_wide: bool = False) -> set[str]:
    """Codes of the trigger points the user sees by name on at least one of their young
    people: the only ones the list offers as a filter, so that no indicator the user
    never sees by name reads as "none of your pupils".

    For a city-wide list (the taskforce's), on PostgreSQL, one statement of a probe per
    indicator, each stopping at its first such flag (a UNION ALL of LIMIT 1s): a
    DISTINCT read every flag in the city, about 0.25 s. School staff keep the DISTINCT
    over their pupils' few flags (about 10 ms): each probe would carry their pupils'
    ids again, which made it three times as slow. SQLite (the demo) cannot limit each
    part of a union, so it always takes the DISTINCT."""
    probes = city_wide and connection.features.supports_slicing_ordering_in_compound
    flags = visible_current_flags(user, include_dismissed=True, probed=probes).filter(named=True)
    # order_by(): with the flags' own ordering, DISTINCT was of every flag, not of codes.
    # Ids, named from the request's read of the indicators: no join to them.
    ids = flags.order_by().values_list("indicator_id", flat=True)
    indicators = shared_indicators()
    if probes:
        first = [ids.filter(indicator_id=indicator.pk)[:1] for indicator in indicators if indicator.enabled]
        found = set(first[0].union(*first[1:], all=True)) if first else set()
    else:
        found = set(ids.distinct())
    return {indicator.code for indicator in indicators if indicator.pk in found}


def flagged_page(user: object, query: ListQuery, number: object, per_page: int) -> Page:
    """One page of rows, as Paginator.get_page gives it. The number of rows comes with
    the page, from a window over the same grouped rows: a separate COUNT grouped every
    flag of the user's young people a second time. Only a page number past the end
    (or below 1, or too large for an offset) costs that COUNT, to find the last page."""
    rows = flagged_rows(user, query).annotate(total=Window(Count("person_id")))
    paginator = Paginator(rows, per_page)
    asked = _page_number(number)
    reachable = asked >= 1 and asked * per_page <= MOST_ROWS
    found = list(rows[(asked - 1) * per_page : asked * per_page]) if reachable else []
    if found or asked == 1:
        paginator.count = found[0]["total"] if found else 0
        page = paginator.page(asked)
        page.object_list = found
    else:
        page = paginator.get_page(number)
    ids = [row["person_id"] for row in page.object_list]
    page.object_list = rows_for(user, ids, dismissed=query.dismissed)
    return page


def _page_number(number: object) -> int:
    """The page asked for, read as Paginator.validate_number reads it (anything but a
    whole number is the first page)."""
    try:
        return int(number)
    except (TypeError, ValueError):
        return 1


def flagged_all(user: object, query: ListQuery) -> list[ListRow]:
    """Every row, for the CSV and the printed list."""
    ids = [row["person_id"] for row in flagged_rows(user, query)]
    return rows_for(user, ids, dismissed=query.dismissed)
