"""The high-volume tables of a scale city, generated inside PostgreSQL: a school year of
register marks (two sessions a school day per pupil) with their weekly counts (as
chronology.importing.attendance_weeks stores them), feed events with their SourceRecord,
and a year of access-log entries.

Access-log filler is NOT signed: its signature column is 'bench-filler' (computing 10
million HMACs in Python would dominate the build). Chain verification therefore reports
these rows; the portal's own pages and every entry the bench itself causes are signed
as usual."""

from datetime import date

from django.db import connection

# (feed code, category, summary, weight): the mix of what partner feeds send.
EVENT_KINDS = (
    (
        "suspensions",
        "suspension",
        "Fixed-period suspension: 2 sessions (persistent disruptive behaviour)",
        10,
    ),
    ("police_incidents", "police_incident", "Victim: violence against the person", 14),
    ("police_intelligence", "police_intelligence", "Police intelligence: county lines", 6),
    ("youth_justice", "youth_justice", "Youth justice: referral order", 3),
    ("missing_episodes", "missing_episode", "Missing from home, returned after 1 night", 8),
    ("social_care", "social_care", "Social care: child in need assessment", 9),
    ("early_help", "early_help", "Early help: family support episode", 8),
    ("health", "health", "Emergency department attendance", 12),
    ("domestic_abuse", "domestic_abuse", "Domestic abuse notification (MARAC)", 6),
    ("housing_benefits", "housing_benefits", "Housing benefit claim: rent arrears", 5),
)
FAMILY_FEEDS = ("domestic_abuse", "housing_benefits", "early_help", "social_care")
OUTLIER_EVENTS = 2_500
"""Own events of each outlier young person; as many again go to their family."""


def _execute(sql: str, params: object = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def attendance(*, days: list[date], runs: dict[str, int]) -> None:
    """Each pupil has their own absence propensity (most near 4%, a long tail of
    persistent absentees), so rates and summaries look like a real register."""
    _execute("CREATE TEMP TABLE scale_days (day date PRIMARY KEY) ON COMMIT DROP")
    _execute("INSERT INTO scale_days SELECT unnest(%s::date[])", [days])
    _execute(
        "CREATE TEMP TABLE scale_pupils ON COMMIT DROP AS SELECT e.person_id, p.upn, e.school_id, s.urn, "
        "0.02 + 0.45 * power(random(), 6) AS absence FROM schools_enrolment e "
        "JOIN schools_person p ON p.id = e.person_id JOIN schools_school s ON s.id = e.school_id "
        "WHERE e.leaving_date IS NULL"
    )
    _execute(
        """
        INSERT INTO chronology_attendancemark
            (source_record_id, upn, date, session, code, meaning, feed_run_id, person_id, school_id)
        SELECT m.urn || '-' || m.upn || '-' || to_char(m.day, 'YYYYMMDD') || m.session, m.upn, m.day,
               m.session, m.code,
               CASE m.code WHEN '/' THEN 'present' WHEN '\\' THEN 'present' WHEN 'B' THEN 'attending'
                           WHEN 'O' THEN 'unauthorised' WHEN 'G' THEN 'unauthorised'
                           ELSE 'authorised' END,
               %s, m.person_id, m.school_id
        FROM (
            SELECT p.*, d.day, s.session,
                   CASE WHEN random() < p.absence THEN
                            (ARRAY['I','I','I','M','O','O','G','E'])[1 + floor(random() * 8)::int]
                        WHEN random() > 0.995 THEN 'B'
                        WHEN s.session = 'AM' THEN '/' ELSE '\\' END AS code
            FROM scale_pupils p CROSS JOIN scale_days d CROSS JOIN (VALUES ('AM'), ('PM')) s(session)
        ) m
        """,
        [runs["attendance"]],
    )


def weekly_counts() -> None:
    """Weekly counts as chronology.importing.attendance_weeks stores them (the chronology
    writes its weekly lines from them)."""
    _execute(
        """
        INSERT INTO chronology_attendanceweek (person_id, week, present, attending, authorised,
            unauthorised, not_possible, administrative)
        SELECT person_id, date_trunc('week', date)::date,
               count(*) FILTER (WHERE meaning = 'present'), count(*) FILTER (WHERE meaning = 'attending'),
               count(*) FILTER (WHERE meaning = 'authorised'),
               count(*) FILTER (WHERE meaning = 'unauthorised'),
               count(*) FILTER (WHERE meaning = 'not_possible'),
               count(*) FILTER (WHERE meaning = 'administrative')
        FROM chronology_attendancemark GROUP BY 1, 2
        """
    )


def feed_events(
    *, as_of: date, feeds: dict[str, tuple[int, str]], runs: dict[str, int], outliers: list[int]
) -> None:
    """Events cluster in families: a family's latent risk sets how many events each of its
    children (and the family itself) has over three years, about 48 a child on average
    (~5 million in a city of 100,000, as the benchmarks issue asks) but 25 in most families
    and hundreds in a few. The outlier young people get OUTLIER_EVENTS of their own and as
    many on their family."""
    kinds = [k for k in EVENT_KINDS for _ in range(k[3])]
    _execute(
        "CREATE TEMP TABLE scale_kinds (n int PRIMARY KEY, feed_id bigint, run_id bigint, "
        "category text, summary text, sensitivity text, family_feed bool) ON COMMIT DROP"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO scale_kinds VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [(n, feeds[c][0], runs[c], cat, summ, feeds[c][1], c in FAMILY_FEEDS)
             for n, (c, cat, summ, _) in enumerate(kinds)],
        )  # fmt: skip
    _execute(
        "CREATE TEMP TABLE scale_family_risk ON COMMIT DROP AS SELECT id AS family_id, "
        "CASE WHEN r < 0.72 THEN 25 WHEN r < 0.9 THEN 55 WHEN r < 0.975 THEN 150 ELSE 350 END AS mean "
        "FROM (SELECT id, random() AS r FROM schools_family) f"
    )
    _execute(
        """
        CREATE TEMP TABLE scale_plan ON COMMIT DROP AS
        SELECT row_number() OVER () AS n,
               CASE WHEN k.family_feed AND x.coin < 0.5 THEN NULL ELSE x.person_id END AS person_id,
               CASE WHEN k.family_feed THEN x.family_id END AS family_id, x.kind, x.occurred_on
        FROM (
            SELECT m.person_id, m.family_id, floor(random() * %(kinds)s)::int AS kind, random() AS coin,
                   %(as_of)s::date - floor(power(random(), 1.5) * 1095)::int AS occurred_on
            FROM schools_familymember m JOIN scale_family_risk r USING (family_id)
            CROSS JOIN LATERAL generate_series(1, floor(-ln(1 - random()) * r.mean + m.person_id * 0)::int) g
            WHERE m.relationship = 'child'
            UNION ALL
            SELECT o.person_id, m.family_id,
                   CASE WHEN g %% 2 = 1 THEN (SELECT min(n) FROM scale_kinds WHERE family_feed)
                        ELSE floor(random() * %(kinds)s)::int END,
                   CASE WHEN g %% 2 = 1 THEN 0 ELSE 1 END,
                   %(as_of)s::date - floor(random() * 1095)::int
            FROM unnest(%(outliers)s::bigint[]) o(person_id)
            JOIN schools_familymember m ON m.person_id = o.person_id
            CROSS JOIN generate_series(1, %(outlier_rows)s) g
        ) x JOIN scale_kinds k ON k.n = x.kind
        """,
        {"as_of": as_of, "kinds": len(kinds), "outliers": outliers, "outlier_rows": 2 * OUTLIER_EVENTS},
    )
    _execute(
        """
        INSERT INTO chronology_sourcerecord (id, source_record_id, content_hash, values, link_confidence,
            link_method, created_at, updated_at, family_id, feed_id, last_run_id, person_id, undo)
        SELECT p.n, 'SCALE-' || p.n, md5(p.n::text), jsonb_build_object('summary', k.summary),
               CASE WHEN p.n %% 10 = 0 THEN 0.92 ELSE 1.0 END,
               CASE WHEN p.n %% 10 = 0 THEN 'probabilistic' ELSE 'nhs_number' END,
               now(), now(), p.family_id, k.feed_id, k.run_id, p.person_id, '{}'::jsonb
        FROM scale_plan p JOIN scale_kinds k ON k.n = p.kind
        """
    )
    _execute(
        """
        INSERT INTO chronology_event (category, occurred_on, summary, details, sensitivity, link_confidence,
            created_at, updated_at, family_id, person_id, feed_id, feed_run_id, source_record_id)
        SELECT k.category, p.occurred_on, k.summary, '{}'::jsonb, k.sensitivity,
               CASE WHEN p.n %% 10 = 0 THEN 0.92 ELSE 1.0 END, now(), now(), p.family_id, p.person_id,
               k.feed_id, k.run_id, p.n
        FROM scale_plan p JOIN scale_kinds k ON k.n = p.kind
        """
    )


def access_log(*, entries: int, as_of: date, actors: list[tuple[int, str]], outliers: list[int]) -> None:
    """A year of entries in id order (the log is append-only, so ids follow time), most
    naming one young person (a record view), some a handful (a list or search). Each
    outlier is named in a few thousand entries, for IG's "who has seen this child"."""
    _execute("CREATE TEMP TABLE scale_actors (n int PRIMARY KEY, id bigint, label text) ON COMMIT DROP")
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO scale_actors VALUES (%s, %s, %s)",
            [(n, pk, label) for n, (pk, label) in enumerate(actors)],
        )
        cursor.execute("SELECT min(person_id), max(person_id) FROM schools_enrolment")
        low, high = cursor.fetchone()
        cursor.execute("SELECT coalesce(max(id), 0) FROM accounts_accesslogentry")
        base = cursor.fetchone()[0]
    _execute(
        """
        INSERT INTO accounts_accesslogentry (id, at, actor_label, kind, route, path, remote_addr, detail,
            actor_id, signature)
        SELECT %(base)s + g, %(as_of)s::timestamptz - interval '365 days' * (1 - g::float / %(entries)s)
               - random() * interval '1 minute', a.label,
               CASE WHEN g %% 10 < 7 THEN 'view' WHEN g %% 10 < 9 THEN 'list' ELSE 'search' END,
               CASE WHEN g %% 10 < 7 THEN 'young_person_detail' ELSE 'young_person_list' END,
               '/young-people/', '10.0.0.1', '{}'::jsonb, a.id, 'bench-filler'
        FROM generate_series(1, %(entries)s) g
        JOIN scale_actors a ON a.n = g %% %(actors)s
        """,
        {"base": base, "as_of": as_of, "entries": entries, "actors": len(actors)},
    )
    _execute(
        """
        INSERT INTO accounts_accesslogsubject (entry_id, person_id)
        SELECT %(base)s + g, CASE WHEN g %% 2000 = 0 AND %(n_out)s > 0
                                  THEN (%(outliers)s::bigint[])[1 + (g / 2000) %% greatest(%(n_out)s, 1)]
                                  ELSE %(low)s + floor(power(random() + g * 0, 1.3)
                                                       * (%(high)s - %(low)s))::bigint END
        FROM generate_series(1, %(entries)s) g
        UNION ALL
        SELECT %(base)s + g, %(low)s + floor(random() * (%(high)s - %(low)s) + x * 0)::bigint
        FROM generate_series(1, %(entries)s) g CROSS JOIN generate_series(1, 3) x
        WHERE g %% 10 >= 7
        """,
        {
            "base": base,
            "entries": entries,
            "low": low,
            "high": high,
            "outliers": outliers,
            "n_out": len(outliers),
        },
    )
