"""Flags follow a change of a feed's default sensitivity at once. A flag is only as
visible as its evidence (accounts/access_flags.py), and both keep the sensitivity they
were computed at: left to the nightly run, a feed raised to restricted would leave its
trigger points named to head teachers, with their evidence's dates, and its summaries
open to intervention workers, for up to a day. So, in the register edit's transaction
(chronology.sensitivity_changes), each piece of evidence resting on the feed takes the
sensitivity a recompute would give it now, and each flag resting on the feed the
highest of its evidence, up or down alike. Current, dismissed and cleared flags all
follow: the young person's page, the list and the chronology show each of them.

Set-based, a feed's millions of events in a few statements; nothing else about a flag
changes (see docs/trigger-points.md, "When a feed's sensitivity changes")."""

from chronology.models import Event, Feed
from chronology.sensitivity_changes import SensitivityChange
from risk.models import FlagEvidence, Indicator
from risk.rules.dialect import placeholders
from risk.services.compute_tables import execute
from risk.services.reconcile import EVIDENCE, FLAGS, HIGHEST

EVENTS = Event._meta.db_table
Kind = FlagEvidence.Kind
DEFAULT_KINDS = {
    Feed.Code.ATTENDANCE: (Kind.ATTENDANCE_WEEK, Kind.REGISTER_MARK),
    Feed.Code.SCHOOL_CENSUS: (Kind.ATTRIBUTE,),
}
"""Evidence that takes its feed's default rather than an event's sensitivity (as
risk.services.computing gives the rules: weeks, marks and enrolments are not events)."""
_FROM_EVENT = (
    f"CASE WHEN ev.sensitivity = 'education' AND e.kind = '{Kind.FAMILY_EVENT.value}'"
    " AND (ev.person_id IS NULL OR ev.person_id <> f.person_id)"
    " THEN 'partner' ELSE ev.sensitivity END"
)
"""An event's sensitivity as evidence, as risk/rules/sql.py gives it: a relative's or
the household's event counts as partner at least (DESIGN.md section 5), unless the
household event is the young person's own."""


def flags_follow_feed_sensitivity(change: SensitivityChange) -> None:
    """Registered as a sensitivity listener (risk.registrations). Written as the
    recompute writes its summaries (`UPDATE ... FROM` a grouped subquery), which both
    PostgreSQL and the demo's SQLite run."""
    _wait_for_running_computations()
    of_feed = f"SELECT id FROM {EVENTS} WHERE feed_id = %s"  # nosec B608  # table names from code; values bound
    execute(
        f"""UPDATE {EVIDENCE} SET sensitivity = s.sensitivity
        FROM (
            SELECT e.id, {_FROM_EVENT} AS sensitivity
            FROM {EVIDENCE} e JOIN {EVENTS} ev ON ev.id = e.event_id JOIN {FLAGS} f ON f.id = e.flag_id
            WHERE ev.feed_id = %s AND e.kind IN (%s, %s)
        ) s
        WHERE {EVIDENCE}.id = s.id AND {EVIDENCE}.sensitivity <> s.sensitivity""",  # nosec B608  # table names from code; values bound
        [change.feed_id, Kind.EVENT, Kind.FAMILY_EVENT],
    )
    kinds = DEFAULT_KINDS.get(change.feed_code, ())
    if kinds:
        execute(
            f"UPDATE {EVIDENCE} SET sensitivity = %s"  # nosec B608  # table names from code; values bound
            f" WHERE kind IN ({placeholders(kinds)}) AND sensitivity <> %s",
            [change.after, *kinds, change.after],
        )
    resting = f"e.event_id IN ({of_feed})" + (f" OR e.kind IN ({placeholders(kinds)})" if kinds else "")
    execute(
        f"""UPDATE {FLAGS} SET sensitivity = s.sensitivity
        FROM (
            SELECT h.flag_id, {HIGHEST} AS sensitivity FROM {EVIDENCE} h
            WHERE h.flag_id IN (SELECT e.flag_id FROM {EVIDENCE} e WHERE {resting})
            GROUP BY h.flag_id
        ) s
        WHERE {FLAGS}.id = s.flag_id AND {FLAGS}.sensitivity <> s.sensitivity""",  # nosec B608  # table names from code; values bound
        [change.feed_id, *kinds],
    )


def _wait_for_running_computations() -> None:
    """Takes every indicator's lock, in the order a computation takes them
    (risk.services.computing._lock): a run that has already read the events at their
    old tier finishes first and is then corrected here, and one that starts later reads
    them at the new tier. Neither writes stale evidence after this edit commits."""
    list(Indicator.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
