"""Referrals, interventions and sessions in the young person's chronology, through the
chronology's registry of sources (chronology.timeline_sources). The chronology decides
what each viewer sees of a row; this source leaves out drafts, which nobody but their
author has seen, and links a row to its referral's or intervention's page only for a
viewer who may open that page (a worker may not open referrals, school staff may not
open interventions), so that no "Open" link leads to a refusal."""

from collections.abc import Callable, Iterable
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from chronology.timeline_sources import SourceQuery, SourceRow
from interventions.models import Attendance, Intervention, ReferralEntry, ReferralStatus, SessionEntry
from interventions.rules import CASEWORK_TIER
from interventions.selectors import interventions_for, referrals_for
from portal.sentences import counted

CATEGORIES = {
    "referral_sent": "Referred to SAFE",
    "referral_more_information": "Referral: more information asked for",
    "referral_accepted": "Referral accepted",
    "referral_declined": "Referral declined",
    "intervention_started": "Intervention started",
    "intervention_closed": "Intervention closed",
    "intervention_session": "Intervention session",
    "intervention_session_withdrawn": "Intervention session withdrawn (recorded in error)",
}
DECISIONS = {
    ReferralEntry.Action.SENT: "referral_sent",
    ReferralEntry.Action.ASKED: "referral_more_information",
    ReferralEntry.Action.ACCEPTED: "referral_accepted",
    ReferralEntry.Action.DECLINED: "referral_declined",
}


def _between(query: SourceQuery, field: str) -> dict:
    bounds = {}
    if query.start:
        bounds[f"{field}__gte"] = query.start
    if query.end:
        bounds[f"{field}__lte"] = query.end
    return bounds


def _openable(query: SourceQuery, selected: Callable[[object], QuerySet]) -> set[int]:
    """Asked only once there are rows to link: most young people have none, and their
    pages would otherwise pay for the viewer's access scope on every view."""
    rows = selected(query.viewer).filter(young_person_id__in=query.person_ids)
    return set(rows.values_list("pk", flat=True))


def _urgency_words(referral: object) -> str:
    """The urgency as a sentence reads it, "urgent (within 2 working days)" or "routine",
    not its first word alone: "Referred to SAFE by … (soon)" read as a code."""
    first, _, rest = referral.get_urgency_display().partition(": ")
    return first.lower() + (f" ({rest})" if rest else "")


def _referral_rows(query: SourceQuery) -> Iterable[SourceRow]:
    entries = list(
        ReferralEntry.objects.filter(
            referral__young_person_id__in=query.person_ids, action__in=list(DECISIONS)
        )
        .exclude(referral__status=ReferralStatus.DRAFT)
        .select_related("referral", "referral__school", "by")
    )
    openable = _openable(query, referrals_for) if entries else set()
    for entry in entries:
        referral = entry.referral
        day = timezone.localtime(entry.at).date()
        if (query.start and day < query.start) or (query.end and day > query.end):
            continue
        who = referral.school.name if referral.school else "the SAFE taskforce"
        summary = {
            "referral_sent": f"Referred to SAFE by {who}, marked {_urgency_words(referral)}",
            "referral_more_information": "The taskforce asked the referrer for more information",
            "referral_accepted": "The taskforce accepted the referral",
            "referral_declined": f"The taskforce declined the referral: {entry.note}",
        }[DECISIONS[entry.action]]
        yield SourceRow(
            person_id=referral.young_person_id,
            occurred_on=day,
            occurred_at=entry.at,
            category=DECISIONS[entry.action],
            summary=summary,
            sensitivity=CASEWORK_TIER,
            key=f"referral-entry-{entry.pk}",
            reference=f"R{referral.pk}",
            url=reverse("referrals:detail", args=[referral.pk]) if referral.pk in openable else "",
        )


def _intervention_url(intervention_id: int, openable: set[int]) -> str:
    return reverse("interventions:detail", args=[intervention_id]) if intervention_id in openable else ""


def _intervention_rows(query: SourceQuery) -> Iterable[SourceRow]:
    interventions = list(
        Intervention.objects.filter(young_person_id__in=query.person_ids).select_related("programme")
    )
    openable = _openable(query, interventions_for) if interventions else set()
    for i in interventions:
        url = _intervention_url(i.pk, openable)
        never_started = i.closed_on is not None and i.closed_on < i.start_date
        if not never_started:
            yield SourceRow(
                person_id=i.young_person_id,
                occurred_on=i.start_date,
                category="intervention_started",
                summary=f"{i.programme.name} started with {i.provider} "
                f"({counted(i.planned_sessions, 'session')} planned)",
                sensitivity=CASEWORK_TIER,
                key=f"intervention-{i.pk}-start",
                reference=f"I{i.pk}",
                url=url,
            )
        if i.closed_on:
            closed = "closed before it started" if never_started else "closed"
            yield SourceRow(
                person_id=i.young_person_id,
                occurred_on=i.closed_on,
                category="intervention_closed",
                summary=f"{i.programme.name} {closed}: {i.get_closure_reason_display().lower()}",
                sensitivity=CASEWORK_TIER,
                key=f"intervention-{i.pk}-closed",
                reference=f"I{i.pk}",
                url=url,
            )


def _first_recorded(attendances: list[Attendance]) -> dict[int, dict]:
    """Each corrected or withdrawn session as it was first recorded (its first history
    entry's "before"), read at once for every such session in the chronology."""
    changed = {a.session_id for a in attendances if a.session.corrected_at or a.session.withdrawn_at}
    if not changed:
        return {}
    first = {}
    for entry in SessionEntry.objects.filter(session_id__in=changed).order_by("at", "pk"):
        first.setdefault(entry.session_id, entry.before)
    return first


def _was(original: dict | None, a: Attendance) -> str:
    """How this young person's row was first recorded, where a correction changed it."""
    row = (original or {}).get("attendance", {}).get(str(a.intervention_id))
    if not original or row is None:
        return ""
    day = date.fromisoformat(original["date"])
    parts = [f"{day:%-d %b %Y}"] if day != a.session.date else []
    if row["status"] != a.status:
        parts.append(Attendance.Status(row["status"]).label.lower())
    return f"; first recorded as {', '.join(parts)}" if parts else ""


def _session_summary(a: Attendance, original: dict | None) -> tuple[str, str]:
    """The category and words of one young person's row: a withdrawn session, or their
    removal from one, stays in the chronology under its own category, and a corrected
    one says so, with what it first said; nothing is rewritten silently."""
    session = a.session
    head = f"{a.intervention.programme.name}, {session.get_kind_display().lower()} session"
    if session.withdrawn_at:
        withdrawn = f"{timezone.localtime(session.withdrawn_at):%-d %b %Y}"
        return "intervention_session_withdrawn", (
            f"{head}: withdrawn on {withdrawn} as recorded in error (was: {a.get_status_display().lower()})"
        )
    if a.withdrawn:
        corrected = f"{timezone.localtime(session.corrected_at):%-d %b %Y}"
        return "intervention_session_withdrawn", (
            f"{head}: taken out of the session on {corrected} as recorded in error"
        )
    note = f": {a.note}" if a.note else ""
    summary = f"{head}: {a.get_status_display().lower()}{note}"
    if session.corrected_at:
        summary += f" (corrected on {timezone.localtime(session.corrected_at):%-d %b %Y}{_was(original, a)})"
    return "intervention_session", summary


def _session_rows(query: SourceQuery) -> Iterable[SourceRow]:
    attendances = list(
        Attendance.objects.filter(
            intervention__young_person_id__in=query.person_ids, **_between(query, "session__date")
        ).select_related("session", "intervention__programme")
    )
    openable = _openable(query, interventions_for) if attendances else set()
    first = _first_recorded(attendances)
    for a in attendances:
        category, summary = _session_summary(a, first.get(a.session_id))
        yield SourceRow(
            person_id=a.intervention.young_person_id,
            occurred_on=a.session.date,
            category=category,
            summary=summary,
            sensitivity=CASEWORK_TIER,
            key=f"attendance-{a.pk}",
            reference=f"I{a.intervention_id}",
            url=reverse("interventions:session_detail", args=[a.intervention_id, a.session_id])
            if a.intervention_id in openable
            else "",
        )


def timeline_rows(query: SourceQuery) -> list[SourceRow]:
    return [*_referral_rows(query), *_intervention_rows(query), *_session_rows(query)]
