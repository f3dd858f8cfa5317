"""Reads of one recorded session for its page and the API: the session as reached through
an intervention the user may open, the young people in it whom the user may see (others
are counted, never named), which of them the user may correct, and its history in words.
A group session can hold young people of several workers once an intervention has been
passed on, so who is shown is decided per young person by the access layer
(interventions_for), never by the session."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role
from interventions.models import (
    Attendance,
    Intervention,
    InterventionStatus,
    Programme,
    Session,
    SessionEntry,
)
from interventions.rules import may_record
from interventions.selectors import interventions_for
from interventions.services.sessions import MAX_GROUP


def session_for_request(intervention: Intervention, sid: int) -> Session:
    """The session if it recorded this intervention (in any state), else 404: a session is
    reached only through an intervention the user may open, which the caller checked."""
    session = (
        Session.objects.select_related("programme", "recorded_by", "withdrawn_by")
        .filter(pk=sid, attendances__intervention=intervention)
        .first()
    )
    if session is None:
        raise Http404("No such session for this intervention.")
    return session


def session_reread(session: Session) -> Session:
    """The session as it now is, after a change: one the caller has already opened
    through session_for_request."""
    return Session.objects.select_related("programme", "recorded_by", "withdrawn_by").get(pk=session.pk)


@dataclass
class HistoryLine:
    entry: SessionEntry
    changes: list[str]


@dataclass
class ShownSession:
    session: Session
    rows: list[Attendance]
    """The session's young people the user may see, every one of them in the access log."""
    hidden: int
    """How many others it recorded, whom the user may not see."""
    hidden_in_it: int = 0
    """Of those, how many it still counts: one taken out of it is no longer in it, so a
    change of its date or kind, or its withdrawal, does not touch them (as the services
    decide: session_corrections checks only the rows that count)."""
    editable: list[Attendance] = field(default_factory=list)
    """Shown rows the user may change: allocations they may record for, still open."""
    history: list[HistoryLine] = field(default_factory=list)

    @property
    def person_ids(self) -> list[int]:
        return [a.intervention.young_person_id for a in self.rows]

    @property
    def counted(self) -> int:
        return sum(1 for a in self.rows if not a.withdrawn)


WITHDRAWN_CHANGE = "Session withdrawn: it no longer counts for anyone in it"


def _day(value: str) -> str:
    return f"{date.fromisoformat(value):%-d %b %Y}"


def _state(row: dict | None) -> str:
    if row is None or not row["counted"]:
        return "not in the session"
    return Attendance.Status(row["status"]).label.lower()


def _changes(entry: SessionEntry, names: dict[str, str]) -> list[str]:
    """What the entry changed, for the young people in `names` only. A withdrawal changes
    no one's attendance (it is kept, marked withdrawn): it stops the whole session counting,
    so it is said as that, not as each young person leaving it."""
    if entry.action == SessionEntry.Action.WITHDRAWN:
        return [WITHDRAWN_CHANGE]
    before, after = entry.before, entry.after
    lines = []
    if before["date"] != after["date"]:
        lines.append(f"Date: {_day(before['date'])} → {_day(after['date'])}")
    if before["kind"] != after["kind"]:
        lines.append(f"Kind: {Session.Kind(before['kind']).label} → {Session.Kind(after['kind']).label}")
    for key, name in names.items():
        was, now = before["attendance"].get(key), after["attendance"].get(key)
        if _state(was) != _state(now):
            lines.append(f"{name}: {_state(was)} → {_state(now)}")
        elif was and now and was["note"] != now["note"] and now["counted"]:
            lines.append(f"{name}'s note: “{was['note'] or '(none)'}” → “{now['note'] or '(none)'}”")
    return lines


def session_shown(user: User, session: Session) -> ShownSession:
    """Three queries: the rows with their young people, which of them the user may see,
    and the history with its authors; the same however many are in the group."""
    rows = list(
        session.attendances.select_related("intervention__young_person").order_by(
            "intervention__young_person__surname", "intervention__young_person__forename", "pk"
        )
    )
    visible = set(
        interventions_for(user).filter(pk__in=[a.intervention_id for a in rows]).values_list("pk", flat=True)
    )
    shown = [a for a in rows if a.intervention_id in visible]
    others = [a for a in rows if a.intervention_id not in visible]
    names = {str(a.intervention_id): a.intervention.young_person.full_name for a in shown}
    return ShownSession(
        session=session,
        rows=shown,
        hidden=len(others),
        hidden_in_it=sum(1 for a in others if not a.withdrawn),
        editable=[
            a
            for a in shown
            if not session.is_withdrawn and a.intervention.is_active and may_record(user, a.intervention)
        ],
        history=[HistoryLine(e, _changes(e, names)) for e in session.entries.select_related("by")],
    )


def may_change_whole(shown: ShownSession) -> bool:
    """Its date, kind or withdrawal: only for a user who may change everyone still in it."""
    counted = [a for a in shown.rows if not a.withdrawn]
    editable = {a.pk for a in shown.editable}
    return not shown.hidden_in_it and bool(counted) and all(a.pk in editable for a in counted)


def others_to_add(user: User, shown: ShownSession) -> list[Intervention]:
    """For a group session, the user's other open interventions in its programme, whom a
    correction may add (the worker marked the wrong young person): the group session
    page's own choice, the taskforce everyone in the programme it may see."""
    session = shown.session
    if session.kind != Session.Kind.GROUP or session.is_withdrawn:
        return []
    room = MAX_GROUP - shown.counted - shown.hidden_in_it
    if room <= 0:
        return []
    candidates = interventions_for(user).filter(
        status=InterventionStatus.ACTIVE, programme=session.programme_id
    )
    if user.role != Role.TASKFORCE:
        candidates = candidates.filter(worker=user)
    return list(
        candidates.exclude(pk__in=[a.intervention_id for a in shown.rows])
        .exclude(pk__in=session.attendances.values("intervention_id"))
        .select_related("young_person")
        .order_by("young_person__surname", "young_person__forename", "pk")[:room]
    )


def group_session_choices(user: User) -> tuple[list[Programme], QuerySet[Intervention]]:
    """The programmes a group session may be recorded for, and the active interventions
    it may mark. The taskforce records for everyone in a programme it may see; a worker
    for their own young people only, so a group session never marks another's caseload.
    A programme delivered one to one (mentoring, a specialist referral, family support)
    is not offered: its sessions are each one young person's."""
    active = (
        interventions_for(user)
        .filter(status=InterventionStatus.ACTIVE)
        .exclude(programme__kind__in=Programme.DELIVERED_ONE_TO_ONE)
    )
    if user.role != Role.TASKFORCE:
        active = active.filter(worker=user)
    programmes = list(Programme.objects.filter(pk__in=active.values("programme_id")).order_by("name"))
    return programmes, active


def group_members(active: QuerySet[Intervention], programme: Programme) -> list[Intervention]:
    """Alphabetical, as a register is read out, and at most a group's worth."""
    return list(
        active.filter(programme=programme)
        .select_related("young_person")
        .order_by("young_person__surname", "young_person__forename", "pk")[:MAX_GROUP]
    )
