"""Aggregates for the fairness panel and the Serious Violence Duty needs assessment,
for the taskforce and IG. These name nobody and are read city-wide, so they do not go
through a user's record scope; every count a reader sees passes small-number
suppression first (risk.suppression)."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Left, StrIndex

from risk.fairness import FairnessTable, fairness_tables
from risk.models import Flag, Review
from risk.selectors import flags_switched_on, shared_indicators
from risk.selectors_population import roll_by_group
from risk.suppression import Line, suppress_line, suppress_lines
from schools.models import Person

NOT_ON_ROLL = "Not on a school roll"
NO_POSTCODE = "Postcode not recorded"
ALL_FLAGS = "All trigger points (a young person may have several)"


def raised_flags(*, trigger_point: str = "") -> QuerySet[Flag]:
    """Current flags as the rules raised them, whatever people made of them since:
    the fairness question is whom the rules pick out."""
    if not flags_switched_on():
        return Flag.objects.none()
    flags = Flag.objects.filter(cleared_at__isnull=True, indicator__enabled=True)
    return flags.filter(indicator__code=trigger_point) if trigger_point else flags


def standing_flags() -> QuerySet[Flag]:
    """Current flags that stand: not dismissed and not waiting for review. What the
    needs assessment counts, as the flags professionals act on."""
    return raised_flags().filter(dismissed_at__isnull=True).exclude(review=Review.PENDING)


def fairness(*, today: date, trigger_point: str = "") -> list[FairnessTable]:
    flagged = raised_flags(trigger_point=trigger_point).values("person_id")
    return fairness_tables(roll_by_group(flagged_people=flagged, today=today))


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    heading: str
    """What its groups are, as its table heads them and its CSV names the breakdown."""
    groups: list[str]
    line: Line
    total_label: str

    @property
    def pairs(self) -> list[tuple[str, int | str]]:
        return list(zip(self.groups, self.line.cells, strict=True))


def _in_number_order(group: str) -> list[str | int]:
    """NB2 before NB10, as a reader of postcode districts expects; names sort as text."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", group)]


def _groups_of(counts: dict[str, int]) -> list[str]:
    return sorted(counts, key=lambda g: (g in (NOT_ON_ROLL, NO_POSTCODE), _in_number_order(g)))


def needs_assessment() -> list[Breakdown]:
    """Young people with a standing flag by school, by postcode district, and by trigger
    point. The first two split the same young people, so they are suppressed together
    (suppress_lines); the third counts flags (one young person may have several)."""
    flags = standing_flags()
    people = flags.values("person_id").distinct()
    # Joined, not looked up per person: a person has at most one open enrolment
    # (schools.Enrolment's constraint), and at city scale the subquery per person in
    # the grouping took 0.9 s against 0.2 s.
    current = FilteredRelation("enrolments", condition=Q(enrolments__leaving_date__isnull=True))
    rows = (
        Person.objects.filter(pk__in=people)
        .annotate(current=current)
        .annotate(
            school_name=Coalesce(F("current__school__name"), Value(NOT_ON_ROLL)),
            district=Left(F("postcode"), StrIndex(F("postcode"), Value(" ")) - 1),
        )
        .values("school_name", "district")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_school: dict[str, int] = {}
    by_district: dict[str, int] = {}
    for row in rows:
        by_school[row["school_name"]] = by_school.get(row["school_name"], 0) + row["n"]
        district = row["district"] or NO_POSTCODE
        by_district[district] = by_district.get(district, 0) + row["n"]
    indicators = [i for i in shared_indicators() if i.versions.all()]
    labels = {i.code: f"{i.code} {i.current_version.name}" for i in indicators}
    per_code = dict(
        flags.values_list("indicator__code").annotate(n=Count("person_id", distinct=True)).order_by()
    )
    by_trigger_point = {labels.get(code, code): n for code, n in per_code.items()}

    school_groups, district_groups = _groups_of(by_school), _groups_of(by_district)
    school_line, district_line = suppress_lines(
        [[by_school[g] for g in school_groups], [by_district[g] for g in district_groups]]
    )
    tp_groups = [labels[c] for c in labels if labels[c] in by_trigger_point]
    tp_line = suppress_line([by_trigger_point[g] for g in tp_groups])
    everyone = "All young people with a trigger point"
    return [
        Breakdown("school", "By school", "School", school_groups, school_line, everyone),
        Breakdown(
            "postcode_district",
            "By postcode district",
            "Postcode district",
            district_groups,
            district_line,
            everyone,
        ),
        Breakdown("trigger_point", "By trigger point", "Trigger point", tp_groups, tp_line, ALL_FLAGS),
    ]
