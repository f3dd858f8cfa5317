"""The orders the flagged-pupils list can be sorted in, over its grouped rows
(risk.selectors_flagged_list.flagged_rows): kept apart from the filters they follow."""

from django.db.models import Case, F, IntegerField, OuterRef, QuerySet, Subquery, Value, When

from chronology.importing.codes import YEAR_GROUPS
from schools.models import Enrolment


def ordered(rows: QuerySet, sort: str) -> QuerySet:
    """The name is each group's own (one person's), ordered after grouping: ordered by
    the person's columns, the groups could stream out in order, and for a LIMIT
    PostgreSQL 15 then costed reading a sliver of them, though the row count's window
    reads them all; for the taskforce's caseload it scanned the whole caseload once per
    flag (five minutes) instead of hashing it once (under a second)."""
    name = ("surname", "forename", "person_id")
    if sort == "tier":
        # Within a tier by what the user sees by name: the whole weight would rank
        # pupils by the flags the user may not name.
        return rows.order_by("-tier_rank", "-named_weight", *name)
    if sort == "count":
        return rows.order_by("-shown", *name)
    if sort == "newest":
        return rows.order_by(F("latest").desc(nulls_last=True), *name)
    if sort == "year":
        return (
            rows.annotate(year=current_year_group())
            .annotate(year_order=year_order())
            .order_by("year_order", *name)
        )
    return rows.order_by(*name)


def current_year_group() -> Subquery:
    current = Enrolment.objects.filter(person_id=OuterRef("person_id"), leaving_date__isnull=True)
    return Subquery(current.values("year_group")[:1])


def year_order() -> Case:
    return Case(
        *(When(year=code, then=Value(i)) for i, code in enumerate(YEAR_GROUPS)),
        default=Value(len(YEAR_GROUPS)),
        output_field=IntegerField(),
    )
