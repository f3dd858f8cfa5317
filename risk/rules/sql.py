"""Each rule type as one set-based SELECT of the evidence that satisfies it, for every
young person in the run's scope at once. Every SELECT yields the same columns
(EVIDENCE_COLUMNS) and keeps only the people for whom the rule holds, so an
indicator's evidence is the union of its rules' rows.

The statements read temporary tables the computation fills first
(risk.services.compute_tables): risk_young (the young people in scope), risk_events
(the events any enabled rule could use, read from the events table once) and
risk_weeks (their weekly attendance counts over the longest window any attendance
rule looks at, read once); a rule's own window comes in as the school weeks' dates."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from chronology.models import AttendanceMark
from risk.models import RuleType
from risk.rules.dialect import detail_matches, placeholders
from risk.rules.vocabulary import ATTRIBUTE_LABELS, ATTRIBUTES, HOUSEHOLD, RELATIONSHIPS
from schools.models import Enrolment, FamilyMember

EVIDENCE_COLUMNS = (
    "person_id",
    "key",
    "kind",
    "event_id",
    "relative_id",
    "relationship",
    "occurred_on",
    "sensitivity",
    "note",
)
YOUNG = "SELECT person_id FROM risk_young"
NO_ID = "CAST(NULL AS bigint)"


@dataclass(frozen=True)
class Context:
    today: date
    school_weeks: list[date]
    """Mondays of the weeks that hold register marks, most recent first."""
    attendance_sensitivity: str
    census_sensitivity: str

    def since(self, days: int) -> date:
        """The first day of a window of `days` days ending today."""
        return self.today - timedelta(days=days)

    def last_weeks(self, n: int) -> list[date]:
        return self.school_weeks[:n]


def _match_sql(alias: str, params: dict) -> tuple[str, list]:
    clauses, args = [], []
    for key, values in params.get("match", {}).items():
        clause, more = detail_matches(alias, key, values)
        clauses.append(f" AND {clause}")
        args += more
    return "".join(clauses), args


def _events(p: dict, ctx: Context, *, open_episode: bool = False) -> tuple[str, list]:
    match, match_args = _match_sql("ev", p)
    cats = p["categories"]
    if open_episode:
        when, when_args, min_count = (
            "ev.occurred_on <= %s AND (ev.ended_on IS NULL OR ev.ended_on >= %s)",
            [
                ctx.today,
                ctx.today,
            ],
            1,
        )
    else:
        when, when_args, min_count = (
            "ev.occurred_on >= %s AND ev.occurred_on <= %s",
            [
                ctx.since(p["days"]),
                ctx.today,
            ],
            p["min_count"],
        )
    sql = f"""
        WITH e AS (
            SELECT ev.person_id, ev.id AS event_id, ev.occurred_on, ev.sensitivity
            FROM risk_events ev
            WHERE ev.category IN ({placeholders(cats)}) AND {when}
              AND ev.person_id IN ({YOUNG}){match}
        ), q AS (SELECT person_id FROM e GROUP BY person_id HAVING COUNT(*) >= %s)
        SELECT e.person_id, 'e' || CAST(e.event_id AS TEXT), 'event', e.event_id, {NO_ID}, '',
               e.occurred_on, e.sensitivity, ''
        FROM e WHERE e.person_id IN (SELECT person_id FROM q)"""  # nosec B608  # names from code or checked vocabulary; values bound
    return sql, [*cats, *when_args, *match_args, min_count]


def _within(alias: str, membership: str) -> str:
    """The event happened while this membership lasted (open ends are open)."""
    return (
        f"({membership}.from_date IS NULL OR {alias}.occurred_on >= {membership}.from_date)"
        f" AND ({membership}.to_date IS NULL OR {alias}.occurred_on <= {membership}.to_date)"
    )


def _family_events(p: dict, ctx: Context) -> tuple[str, list]:
    members = FamilyMember._meta.db_table
    match, match_args = _match_sql("ev", p)
    cats = p["categories"]
    window = f"ev.category IN ({placeholders(cats)}) AND ev.occurred_on >= %s AND ev.occurred_on <= %s"
    window_args = [*cats, ctx.since(p["days"]), ctx.today]
    branches, args = [], []
    values = [v for r in p["relationships"] if r != HOUSEHOLD for v in RELATIONSHIPS[r]]
    if values:
        branches.append(
            f"""
            SELECT a.person_id, ev.id AS event_id, ev.occurred_on,
                   CASE WHEN ev.sensitivity = 'education' THEN 'partner'
                        ELSE ev.sensitivity END AS sensitivity,
                   b.id AS relative_id,
                   CASE WHEN b.relationship IN ('child', 'sibling') THEN 'sibling'
                        ELSE b.relationship END AS rel
            FROM {members} a
            JOIN {members} b ON b.family_id = a.family_id AND b.person_id <> a.person_id
            JOIN risk_events ev ON ev.person_id = b.person_id
            WHERE a.person_id IN ({YOUNG}) AND b.relationship IN ({placeholders(values)})
              AND {window}{match} AND {_within("ev", "a")} AND {_within("ev", "b")}"""  # nosec B608  # names from code or checked vocabulary; values bound
        )
        args += [*values, *window_args, *match_args]
    if HOUSEHOLD in p["relationships"]:
        branches.append(
            f"""
            SELECT a.person_id, ev.id AS event_id, ev.occurred_on,
                   CASE WHEN ev.sensitivity = 'education'
                             AND (ev.person_id IS NULL OR ev.person_id <> a.person_id)
                        THEN 'partner' ELSE ev.sensitivity END AS sensitivity,
                   {NO_ID} AS relative_id, 'household' AS rel
            FROM {members} a
            JOIN risk_events ev ON ev.family_id = a.family_id
            WHERE a.person_id IN ({YOUNG}) AND {window}{match} AND {_within("ev", "a")}"""  # nosec B608  # names from code or checked vocabulary; values bound
        )
        args += [*window_args, *match_args]
    union = " UNION ALL ".join(branches)
    sql = f"""
        WITH e AS ({union}),
        q AS (SELECT person_id FROM e GROUP BY person_id HAVING COUNT(DISTINCT event_id) >= %s)
        SELECT e.person_id, 'e' || CAST(e.event_id AS TEXT), 'family_event', e.event_id, e.relative_id,
               e.rel, e.occurred_on, e.sensitivity, ''
        FROM e WHERE e.person_id IN (SELECT person_id FROM q)"""  # nosec B608  # names from code or checked vocabulary; values bound
    return sql, [*args, p["min_count"]]


ATTENDANCE_NOTE = re.compile(r"^(\d+) of (\d+) possible sessions attended$")
"""The note _attendance_rate writes on each week of its evidence, read back to show the
weeks' total beside them (risk.sections.FlagCard.attendance_total)."""


def _attendance_rate(p: dict, ctx: Context) -> tuple[str, list] | None:
    weeks = ctx.last_weeks(p["weeks"])
    if not weeks:
        return None
    sql = f"""
        WITH w AS (
            SELECT person_id, week, attended, possible FROM risk_weeks
            WHERE week IN ({placeholders(weeks)}) AND person_id IN ({YOUNG})
        ), q AS (
            SELECT person_id FROM w GROUP BY person_id
            HAVING SUM(possible) >= %s AND SUM(attended) * 100 <= %s * SUM(possible)
        )
        SELECT w.person_id, 'w' || CAST(w.week AS TEXT), 'attendance_week', {NO_ID}, {NO_ID}, '', w.week, %s,
               CAST(w.attended AS TEXT) || ' of ' || CAST(w.possible AS TEXT) || ' possible sessions attended'
        FROM w WHERE w.possible > 0 AND w.person_id IN (SELECT person_id FROM q)"""  # nosec B608  # names from code or checked vocabulary; values bound
    return sql, [*weeks, p["min_possible"], p["max_percent"], ctx.attendance_sensitivity]


def _register_codes(p: dict, ctx: Context) -> tuple[str, list] | None:
    weeks = ctx.last_weeks(p["weeks"])
    if not weeks:
        return None
    codes = p["codes"]
    sql = f"""
        WITH m AS (
            SELECT am.person_id, am.date, am.session, am.code
            FROM {AttendanceMark._meta.db_table} am
            WHERE am.date >= %s AND am.date <= %s AND am.code IN ({placeholders(codes)})
              AND am.person_id IN ({YOUNG})
        ), q AS (SELECT person_id FROM m GROUP BY person_id HAVING COUNT(*) >= %s)
        SELECT m.person_id, 'm' || CAST(m.date AS TEXT) || m.session, 'register_mark', {NO_ID}, {NO_ID}, '',
               m.date, %s, 'Recorded as ' || m.code
        FROM m WHERE m.person_id IN (SELECT person_id FROM q)"""  # nosec B608  # names from code or checked vocabulary; values bound
    return sql, [weeks[-1], ctx.today, *codes, p["min_sessions"], ctx.attendance_sensitivity]


def register_code_holders(since: date, today: date, codes: list[str]) -> tuple[str, list]:
    """The people with any of the codes in their register between the two days: a
    register-code rule can hold for no one else (see compute_tables.fill_young)."""
    return (
        f"SELECT person_id FROM {AttendanceMark._meta.db_table}"  # nosec B608  # names from code or checked vocabulary; values bound
        f" WHERE date >= %s AND date <= %s AND code IN ({placeholders(codes)})",
        [since, today, *codes],
    )


def _attribute(p: dict, ctx: Context) -> tuple[str, list]:
    field = p["field"]
    if field not in ATTRIBUTES:
        raise ValueError(f"unknown attribute {field!r}")
    values = p["values"]
    label = f"{ATTRIBUTE_LABELS[field]}: "
    sql = f"""
        SELECT en.person_id, 'n' || CAST(en.id AS TEXT), 'attribute', {NO_ID}, {NO_ID}, '',
               COALESCE(en.entry_date, %s), %s, %s || en.{field}
        FROM {Enrolment._meta.db_table} en
        WHERE en.leaving_date IS NULL AND en.{field} IN ({placeholders(values)})
          AND en.person_id IN ({YOUNG})"""  # nosec B608  # names from code or checked vocabulary; values bound
    return sql, [ctx.today, ctx.census_sensitivity, label, *values]


def evidence_select(rule: dict, ctx: Context) -> tuple[str, list] | None:
    """The rule's evidence SELECT and its parameters; None when it cannot hold at all
    (an attendance rule before any register marks exist)."""
    kind, p = rule["type"], rule["params"]
    if kind == RuleType.EVENTS:
        return _events(p, ctx)
    if kind == RuleType.OPEN_EPISODE:
        return _events(p, ctx, open_episode=True)
    if kind == RuleType.FAMILY_EVENTS:
        return _family_events(p, ctx)
    if kind == RuleType.ATTENDANCE_RATE:
        return _attendance_rate(p, ctx)
    if kind == RuleType.REGISTER_CODES:
        return _register_codes(p, ctx)
    if kind == RuleType.ATTRIBUTE:
        return _attribute(p, ctx)
    raise ValueError(f"unknown rule type {kind!r}")
