"""Flags in the chronology: when each trigger point was raised, cleared or dismissed,
through the chronology's source registry (risk.registrations). The chronology cuts
each row to the viewer's level by the flag's sensitivity (the highest of its
evidence); this source leaves out what the access layer says the viewer may not see
at all: flags of young people outside their scope, and, for school staff, flags still
waiting for the taskforce's review."""

from django.urls import reverse
from django.utils import timezone

from accounts.access import flag_policy, visible_among
from chronology.timeline_sources import SourceQuery, SourceRow
from risk.models import Flag, Review
from risk.selectors import flags_switched_on

CODE = "trigger_points"
LABEL = "Trigger points"
CATEGORIES = {
    "trigger_point_raised": "Trigger point raised",
    "trigger_point_cleared": "Trigger point cleared",
    "trigger_point_dismissed": "Trigger point dismissed",
}


def flag_rows(query: SourceQuery) -> list[SourceRow]:
    policy = flag_policy(query.viewer)
    if not policy.sees_flags or not flags_switched_on():
        return []
    people = visible_among(query.viewer, query.person_ids)
    flags = Flag.objects.filter(person_id__in=sorted(people), indicator__enabled=True).select_related(
        "indicator", "version", "dismissed_by"
    )
    if not policy.sees_awaiting_review:
        flags = flags.exclude(review=Review.PENDING)
    rows = []
    for flag in flags:
        name = f"{flag.indicator.code}: {flag.version.name} (version {flag.version.number})"
        url = reverse("young_person_detail", args=[flag.person_id]) + "#trigger-points"

        def row(category: str, at, summary: str, flag=flag, url=url) -> SourceRow:
            return SourceRow(
                person_id=flag.person_id,
                occurred_on=timezone.localtime(at).date(),
                occurred_at=at,
                category=category,
                summary=summary,
                sensitivity=flag.sensitivity,
                key=f"{flag.pk}:{category}",
                name=f"{flag.indicator.code}: {flag.version.name}",
                url=url,
            )

        rows.append(row("trigger_point_raised", flag.raised_at, f"Trigger point raised: {name}"))
        if flag.dismissed_at:
            reason = flag.get_dismissal_reason_display()
            who = flag.dismissed_by.display_name if flag.dismissed_by else "a professional"
            rows.append(
                row(
                    "trigger_point_dismissed",
                    flag.dismissed_at,
                    f"Dismissed by {who}: {reason}. {name}",
                )
            )
        if flag.cleared_at:
            because = flag.get_cleared_because_display()
            rows.append(row("trigger_point_cleared", flag.cleared_at, f"Cleared ({because.lower()}): {name}"))
    return rows
