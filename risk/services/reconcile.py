"""Every indicator of a run brought into line with the evidence its rules found
(risk_hits, keyed by indicator), in a handful of set-based statements for all of them
at once: clear the flags whose evidence has gone, clear a dismissed flag that has new
evidence, raise flags for the people newly meeting a rule, write only the evidence that
changed, and recompute each flag's sensitivity (the highest of its evidence), latest
evidence and strength, writing only the flags whose summary changed. A nightly run in
which nothing changed therefore reads, and writes nothing."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from risk.models import Flag, FlagEvidence, Indicator
from risk.models.flags import ClearedBecause
from risk.rules.sql import EVIDENCE_COLUMNS
from risk.services.compute_tables import analyse, analyse_if_stale, execute, rows

FLAGS = Flag._meta.db_table
EVIDENCE = FlagEvidence._meta.db_table
_COLUMNS = ", ".join(EVIDENCE_COLUMNS)
_EVIDENCE_COLUMNS = ", ".join(EVIDENCE_COLUMNS[1:])
_COLUMNS_OF_Q = ", ".join(f"q.{c}" for c in ("indicator_id", *EVIDENCE_COLUMNS))
NEVER = 2**31 - 1
"""The strength threshold of a rule without one."""
PATTERN_KINDS = (FlagEvidence.Kind.ATTENDANCE_WEEK, FlagEvidence.Kind.REGISTER_MARK)
"""Evidence of a pattern that goes on: each school week and register mark is more of
what a dismissal was about, not new evidence. A dismissed flag resting on them stays
dismissed while the rule holds, and comes back (as a new flag) only once the pattern
has ended, clearing the flag, and begun again."""


@dataclass
class Outcome:
    raised: list[int] = field(default_factory=list)
    raised_by: Counter = field(default_factory=Counter)
    """indicator id -> flags raised."""
    cleared_by: Counter = field(default_factory=Counter)
    """indicator id -> flags cleared."""


def add_hits(indicator_id: int, sql: str, params: list, *, repeats: bool, after_other_rules: bool) -> None:
    """Adds a rule's evidence for an indicator; a record found twice is kept once. The
    table has no key while it fills (checking each row against a unique index as it
    went cost more than finding the rows; one index built afterwards costs a fraction
    of that), so a rule whose SELECT can yield a record twice (`repeats`) keeps one in
    a fixed order (the row naming a relative first), and a later rule of the indicator
    skips what an earlier one found."""
    ranked = (
        ", ROW_NUMBER() OVER (PARTITION BY r.person_id, r.key"
        " ORDER BY r.relative_id IS NULL, r.relationship, r.sensitivity, r.note, r.relative_id) AS n"
        if repeats
        else ", 1 AS n"
    )
    later = (
        " AND NOT EXISTS (SELECT 1 FROM risk_hits h"
        " WHERE h.indicator_id = q.indicator_id AND h.person_id = q.person_id AND h.key = q.key)"
        if after_other_rules
        else ""
    )
    execute(
        f"INSERT INTO risk_hits (indicator_id, {_COLUMNS}) WITH r ({_COLUMNS}) AS ({sql}) "  # nosec B608  # table names from code; values bound
        f"SELECT {_COLUMNS_OF_Q} FROM (SELECT %s AS indicator_id, r.*{ranked} FROM r) q WHERE q.n = 1{later}",
        [*params, indicator_id],
    )


def clear_all(*, indicator: Indicator, now: datetime, scoped: bool, because: str) -> int:
    return execute(
        f"UPDATE {FLAGS} SET cleared_at = %s, cleared_because = %s "  # nosec B608  # table names from code; values bound
        f"WHERE indicator_id = %s AND cleared_at IS NULL{_in_scope(scoped)}",
        [now, because, indicator.pk],
    )


def _in_scope(scoped: bool, column: str = "person_id") -> str:
    return f" AND {column} IN (SELECT person_id FROM risk_scope)" if scoped else ""  # nosec B608  # table names from code; values bound


_RUN = "indicator_id IN (SELECT indicator_id FROM risk_run)"
HIGHEST = (
    "CASE MAX(CASE h.sensitivity WHEN 'restricted' THEN 3 WHEN 'partner' THEN 2 ELSE 1 END)"
    " WHEN 3 THEN 'restricted' WHEN 2 THEN 'partner' ELSE 'education' END"
)
"""The highest sensitivity of a flag's hits, which the flag takes."""
_HAS_HITS = (
    f"SELECT 1 FROM risk_hits h WHERE h.indicator_id = {FLAGS}.indicator_id"  # nosec B608  # table names from code
    f" AND h.person_id = {FLAGS}.person_id"
)


def reconcile(*, now: datetime, scoped: bool) -> Outcome:
    """Brings the flags of every indicator in risk_run into line with risk_hits. The
    people newly meeting a rule are found before any flag is written: a statement
    checking each row it inserts against the table it inserts into rescanned its own
    new rows, which on a city's first run grew quadratic."""
    outcome = Outcome()
    for (indicator_id,) in rows(
        f"""UPDATE {FLAGS} SET cleared_at = %s, cleared_because = %s
        WHERE cleared_at IS NULL AND {_RUN} AND NOT EXISTS ({_HAS_HITS}){_in_scope(scoped)}
        RETURNING indicator_id""",  # nosec B608  # table names from code; values bound
        [now, ClearedBecause.EVIDENCE_LEFT],
    ):
        outcome.cleared_by[indicator_id] += 1
    for (indicator_id,) in rows(
        f"""UPDATE {FLAGS} SET cleared_at = %s, cleared_because = %s
        WHERE cleared_at IS NULL AND dismissed_at IS NOT NULL AND {_RUN}
          AND EXISTS ({_HAS_HITS} AND h.kind NOT IN (%s, %s) AND NOT EXISTS (
              SELECT 1 FROM {EVIDENCE} e WHERE e.flag_id = {FLAGS}.id AND e.key = h.key
          )){_in_scope(scoped)}
        RETURNING indicator_id""",  # nosec B608  # table names from code; values bound
        [now, ClearedBecause.NEW_EVIDENCE, *PATTERN_KINDS],
    ):
        outcome.cleared_by[indicator_id] += 1
    execute(
        f"""INSERT INTO risk_new (indicator_id, person_id, sensitivity, latest, hits)
        SELECT h.indicator_id, h.person_id, {HIGHEST}, MAX(h.occurred_on), COUNT(*) FROM risk_hits h
        WHERE NOT EXISTS (
            SELECT 1 FROM {FLAGS} f
            WHERE f.person_id = h.person_id AND f.indicator_id = h.indicator_id AND f.cleared_at IS NULL
        )
        GROUP BY h.indicator_id, h.person_id"""  # nosec B608  # table names from code; values bound
    )
    for flag_id, indicator_id in rows(
        f"""INSERT INTO {FLAGS} (person_id, indicator_id, version_id, raised_at, cleared_because, sensitivity,
                                 latest_evidence_on, stronger, review, dismissal_reason, dismissal_note)
        SELECT n.person_id, n.indicator_id, r.version_id, %s, '', n.sensitivity, n.latest,
               n.hits >= COALESCE(r.stronger_at, {NEVER}), r.review, '', ''
        FROM risk_new n JOIN risk_run r ON r.indicator_id = n.indicator_id
        RETURNING id, indicator_id""",  # nosec B608  # table names from code; values bound
        [now],
    ):
        outcome.raised.append(flag_id)
        outcome.raised_by[indicator_id] += 1
    analyse_if_stale(FLAGS, len(outcome.raised))
    _live(scoped)
    _refresh_evidence()
    _summarise()
    return outcome


def _live(scoped: bool) -> None:
    """The current, undismissed flags of the run's indicators (in scope): each has hits
    now, and its evidence is to be exactly those hits. Joining this small table instead
    of the flags table keeps every later statement off statistics that lag behind the
    run's own inserts."""
    execute(
        f"""INSERT INTO risk_live (flag_id, indicator_id, person_id)
        SELECT id, indicator_id, person_id FROM {FLAGS}
        WHERE cleared_at IS NULL AND dismissed_at IS NULL AND {_RUN}{_in_scope(scoped)}"""  # nosec B608  # table names from code; values bound
    )
    analyse("risk_live")


_SAME_FLAG = "h.indicator_id = l.indicator_id AND h.person_id = l.person_id"


def _refresh_evidence() -> None:
    """Current, undismissed flags get exactly the evidence found now: only rows whose
    record left, or whose note, date or sensitivity changed, are deleted, and only the
    records not yet held are inserted (found first, for the reason given in
    `reconcile`). The rows to delete are found and deleted in one pass over the
    evidence: selecting their ids first and deleting by them read the table twice. A
    dismissed flag keeps the evidence it was dismissed on: that is what "new evidence"
    is measured against."""
    execute(
        f"""DELETE FROM {EVIDENCE}
        WHERE flag_id IN (SELECT flag_id FROM risk_live) AND NOT EXISTS (
            SELECT 1 FROM risk_hits h JOIN risk_live l ON {_SAME_FLAG}
            WHERE l.flag_id = {EVIDENCE}.flag_id AND h.key = {EVIDENCE}.key AND h.note = {EVIDENCE}.note
              AND h.sensitivity = {EVIDENCE}.sensitivity AND h.occurred_on = {EVIDENCE}.occurred_on
        )"""  # nosec B608  # table names from code; values bound
    )
    execute(
        f"""INSERT INTO risk_add (flag_id, {_EVIDENCE_COLUMNS})
        SELECT l.flag_id, {", ".join(f"h.{c}" for c in EVIDENCE_COLUMNS[1:])}
        FROM risk_hits h JOIN risk_live l ON {_SAME_FLAG}
        WHERE NOT EXISTS (SELECT 1 FROM {EVIDENCE} e WHERE e.flag_id = l.flag_id AND e.key = h.key)"""  # nosec B608  # table names from code; values bound
    )
    added = execute(
        f"INSERT INTO {EVIDENCE} (flag_id, {_EVIDENCE_COLUMNS}) "  # nosec B608  # table names from code
        f"SELECT flag_id, {_EVIDENCE_COLUMNS} FROM risk_add"
    )
    analyse_if_stale(EVIDENCE, added)


def _summarise() -> None:
    """Each live flag's summary from its hits, which its evidence now equals, writing
    only the flags whose summary changed (a flag raised in this run was written with
    its summary)."""
    execute(
        f"""UPDATE {FLAGS}
        SET sensitivity = s.sensitivity, latest_evidence_on = s.latest, stronger = s.stronger
        FROM (
            SELECT l.flag_id, {HIGHEST} AS sensitivity,
                   MAX(h.occurred_on) AS latest,
                   COUNT(*) >= MAX(COALESCE(r.stronger_at, {NEVER})) AS stronger
            FROM risk_hits h JOIN risk_live l ON {_SAME_FLAG}
            JOIN risk_run r ON r.indicator_id = l.indicator_id
            GROUP BY l.flag_id
        ) s
        WHERE {FLAGS}.id = s.flag_id
          AND ({FLAGS}.sensitivity <> s.sensitivity OR {FLAGS}.stronger <> s.stronger
               OR {FLAGS}.latest_evidence_on IS NULL OR {FLAGS}.latest_evidence_on <> s.latest)"""  # nosec B608  # table names from code; values bound
    )
