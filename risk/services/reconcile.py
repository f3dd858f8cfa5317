"""One indicator's flags brought into line with the evidence its rules found
(risk_hits), in a handful of set-based statements: clear the flags whose evidence has
gone, clear a dismissed flag that has new evidence, raise flags for the people newly
meeting the rule, refresh the evidence of current flags, and recompute each flag's
sensitivity (the highest of its evidence), latest evidence and strength."""

from dataclasses import dataclass
from datetime import datetime

from risk.models import Flag, FlagEvidence, Indicator, IndicatorVersion, Review
from risk.models.flags import ClearedBecause
from risk.rules.sql import EVIDENCE_COLUMNS
from risk.services.compute_tables import analyse, execute

FLAGS = Flag._meta.db_table
EVIDENCE = FlagEvidence._meta.db_table
_COLUMNS = ", ".join(EVIDENCE_COLUMNS)
STALE_STATISTICS_AFTER = 1000
"""Rows written to a table after which its statistics are refreshed before the next
statement reads it: planned on an empty table's statistics, joining 100,000 new flags
to their evidence took minutes instead of a second."""


@dataclass
class Outcome:
    raised: list[int]
    cleared: int


def add_hits(sql: str, params: list) -> None:
    """Adds a rule's evidence; a record two rules both found is kept once."""
    execute(
        f"INSERT INTO risk_hits ({_COLUMNS}) SELECT * FROM ({sql}) r WHERE true ON CONFLICT DO NOTHING",  # nosec B608  # table names from code; values bound
        params,
    )


def clear_all(*, indicator: Indicator, now: datetime, scoped: bool, because: str) -> int:
    return execute(
        f"UPDATE {FLAGS} SET cleared_at = %s, cleared_because = %s "  # noqa: S608
        f"WHERE indicator_id = %s AND cleared_at IS NULL{_in_scope(scoped)}",  # nosec B608  # table names from code; values bound
        [now, because, indicator.pk],
    )


def _in_scope(scoped: bool, column: str = "person_id") -> str:
    return f" AND {column} IN (SELECT person_id FROM risk_scope)" if scoped else ""  # nosec B608  # table names from code; values bound


def reconcile(*, version: IndicatorVersion, now: datetime, scoped: bool) -> Outcome:
    indicator_id = version.indicator_id
    cleared = execute(
        f"""UPDATE {FLAGS} SET cleared_at = %s, cleared_because = %s
        WHERE indicator_id = %s AND cleared_at IS NULL
          AND person_id NOT IN (SELECT person_id FROM risk_hits){_in_scope(scoped)}""",  # nosec B608  # table names from code; values bound
        [now, ClearedBecause.EVIDENCE_LEFT, indicator_id],
    )
    cleared += execute(
        f"""UPDATE {FLAGS} SET cleared_at = %s, cleared_because = %s
        WHERE indicator_id = %s AND cleared_at IS NULL AND dismissed_at IS NOT NULL
          AND EXISTS (
            SELECT 1 FROM risk_hits h WHERE h.person_id = {FLAGS}.person_id
              AND NOT EXISTS (SELECT 1 FROM {EVIDENCE} e WHERE e.flag_id = {FLAGS}.id AND e.key = h.key)
          ){_in_scope(scoped)}""",  # nosec B608  # table names from code; values bound
        [now, ClearedBecause.NEW_EVIDENCE, indicator_id],
    )
    review = Review.PENDING if version.needs_review else Review.NOT_NEEDED
    raised_count = execute(
        f"""INSERT INTO {FLAGS} (person_id, indicator_id, version_id, raised_at, cleared_because, sensitivity,
                                 stronger, review, dismissal_reason, dismissal_note)
        SELECT DISTINCT h.person_id, %s, %s, %s, '', 'education', %s, %s, '', ''
        FROM risk_hits h
        WHERE NOT EXISTS (
            SELECT 1 FROM {FLAGS} f
            WHERE f.person_id = h.person_id AND f.indicator_id = %s AND f.cleared_at IS NULL
        )""",  # nosec B608  # table names from code; values bound
        [indicator_id, version.pk, now, False, review, indicator_id],
    )
    if raised_count > STALE_STATISTICS_AFTER:
        analyse(FLAGS)
    _refresh_evidence(indicator_id, scoped)
    _summarise(version.stronger_at)
    raised = list(Flag.objects.filter(indicator_id=indicator_id, raised_at=now).values_list("pk", flat=True))
    return Outcome(raised=raised, cleared=cleared)


def _refresh_evidence(indicator_id: int, scoped: bool) -> None:
    """Current, undismissed flags get exactly the evidence found now. A dismissed flag
    keeps the evidence it was dismissed on: that is what "new evidence" is measured
    against. Each hit is first given its flag's id, so that no statement after it joins
    the flags table, whose statistics lag behind a run's own inserts."""
    scope = _in_scope(scoped, "f.person_id")
    live = f"f.indicator_id = %s AND f.cleared_at IS NULL AND f.dismissed_at IS NULL{scope}"
    execute(
        f"""UPDATE risk_hits SET flag_id = f.id FROM {FLAGS} f
        WHERE f.person_id = risk_hits.person_id AND {live}""",  # nosec B608  # table names from code; values bound
        [indicator_id],
    )
    execute(
        f"""DELETE FROM {EVIDENCE} WHERE id IN (
            SELECT e.id FROM {EVIDENCE} e JOIN {FLAGS} f ON f.id = e.flag_id
            WHERE {live} AND NOT EXISTS (
                SELECT 1 FROM risk_hits h
                WHERE h.person_id = f.person_id AND h.key = e.key AND h.note = e.note
                  AND h.sensitivity = e.sensitivity
            )
        )""",  # nosec B608  # table names from code; values bound
        [indicator_id],
    )
    added = execute(
        f"""INSERT INTO {EVIDENCE} (flag_id, {_COLUMNS.replace("person_id, ", "")})
        SELECT h.flag_id, {", ".join(f"h.{c}" for c in EVIDENCE_COLUMNS[1:])}
        FROM risk_hits h WHERE h.flag_id IS NOT NULL
        ON CONFLICT (flag_id, key) DO NOTHING""",  # nosec B608  # table names from code; values bound
    )
    if added > STALE_STATISTICS_AFTER:
        analyse(EVIDENCE)


def _summarise(stronger_at: int | None) -> None:
    """One pass over the evidence of the flags this run found evidence for, writing only
    the flags whose summary changed (a steady nightly run then rewrites almost nothing)."""
    rank = "CASE e.sensitivity WHEN 'restricted' THEN 3 WHEN 'partner' THEN 2 ELSE 1 END"
    execute(
        f"""UPDATE {FLAGS}
        SET sensitivity = s.sensitivity, latest_evidence_on = s.latest, stronger = s.stronger
        FROM (
            SELECT e.flag_id,
                   CASE MAX({rank}) WHEN 3 THEN 'restricted' WHEN 2 THEN 'partner' ELSE 'education' END
                       AS sensitivity,
                   MAX(e.occurred_on) AS latest,
                   COUNT(*) >= %s AS stronger
            FROM {EVIDENCE} e
            WHERE e.flag_id IN (SELECT DISTINCT flag_id FROM risk_hits WHERE flag_id IS NOT NULL)
            GROUP BY e.flag_id
        ) s
        WHERE {FLAGS}.id = s.flag_id
          AND ({FLAGS}.sensitivity <> s.sensitivity OR {FLAGS}.stronger <> s.stronger
               OR {FLAGS}.latest_evidence_on IS NULL OR {FLAGS}.latest_evidence_on <> s.latest)""",  # nosec B608  # table names from code; values bound
        [stronger_at if stronger_at else 2**31 - 1],
    )
