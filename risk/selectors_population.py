"""Pupils on roll, the denominator of every flag rate: counted by census group in one
grouped query, with how many of them are flagged. Aggregates only; no pupil is named,
so nothing here is a record view."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When

from risk.groups import FSM_LABELS, SEN_LABELS, SEX_LABELS, ethnicity_group
from schools.models import Enrolment


@dataclass(frozen=True)
class GroupCounts:
    """For one dimension (e.g. sex): pupils on roll and flagged per group label."""

    on_roll: Counter
    flagged: Counter


def pupils_on_roll(*, school_ids: list[int] | None = None) -> QuerySet[Enrolment]:
    current = Enrolment.objects.filter(leaving_date__isnull=True)
    return current if school_ids is None else current.filter(school_id__in=school_ids)


def roll_by_group(*, flagged_people: QuerySet, today: date, school_ids: list[int] | None = None) -> dict:
    """Per dimension ("sex", "ethnicity", "sen", "fsm"), the pupils on roll and the
    flagged among them. `flagged_people` is a queryset of person ids (one column, e.g.
    `values("person_id")`), evaluated inside the one grouped query."""
    fsm_now = Case(
        When(
            Q(fsm_start_date__lte=today) & (Q(fsm_end_date__isnull=True) | Q(fsm_end_date__gte=today)),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )
    rows = (
        pupils_on_roll(school_ids=school_ids)
        .annotate(fsm_now=fsm_now)
        .values("person__sex", "person__ethnicity", "sen_provision", "fsm_now")
        .annotate(
            on_roll=Count("pk"),
            flagged=Count("pk", filter=Q(person_id__in=flagged_people)),
        )
        .order_by()
    )
    counts = {
        dim: GroupCounts(on_roll=Counter(), flagged=Counter()) for dim in ("sex", "ethnicity", "sen", "fsm")
    }
    for row in rows:
        labels = {
            "sex": SEX_LABELS.get(row["person__sex"] or "", SEX_LABELS[""]),
            "ethnicity": ethnicity_group(row["person__ethnicity"]),
            "sen": SEN_LABELS.get(row["sen_provision"] or "", SEN_LABELS[""]),
            "fsm": FSM_LABELS[bool(row["fsm_now"])],
        }
        for dim, label in labels.items():
            counts[dim].on_roll[label] += row["on_roll"]
            counts[dim].flagged[label] += row["flagged"]
    return counts
