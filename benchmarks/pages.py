"""Page timings in-process with Django's test Client, signed in as the demo users, each
next to the raw SQL that fetches the same rows."""

import time
from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access_log import writing
from accounts.models import AccessLogEntry, User
from accounts.services.anomaly_summary import KEEP_UP_DAYS
from benchmarks.timing import Measure, raw_sql, timed, timed_pair
from portal.demo.scale.build import ScaleCity
from portal.demo.users import DEMO_DOMAIN
from schools.name_folding import fold

PAGE_GOAL_MS = 100
WHO_HAS_SEEN_GOAL_MS = 50
ANOMALIES_GOAL_MS = 500
OVERHEAD_GOAL = 1.05
OVERHEAD_REPS = 40
PAGE_SIZE = 50


def client_for(email_local: str) -> Client:
    """Signed in with both factors, as if the demo user had typed their authenticator's
    code: every page needs the second factor (docs/security.md)."""
    user = User.objects.get(email=f"{email_local}@{DEMO_DOMAIN}")
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session.save()
    return client


def _get(client: Client, url: str) -> Callable[[], object]:
    def run() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response

    return run


def _page_measure(
    key: str, title: str, page: Callable, baseline: Callable, *, reps: int, goal_ms: float = PAGE_GOAL_MS
) -> Measure:
    p50, p95, queries = timed(page, reps=reps)
    b50, b95, bq = timed(baseline, reps=reps)
    return Measure(
        key=key,
        title=title,
        p50_ms=p50,
        p95_ms=p95,
        runs=reps,
        queries=queries,
        goal=f"p95 <= {goal_ms} ms, queries flat with data size",
        met=p95 <= goal_ms,
        baseline={"what": "raw SQL for the same rows", "p50_ms": b50, "p95_ms": b95, "queries": bq},
        ratio=round(p50 / b50, 1) if b50 else None,
    )


_LIST_SQL = """
    SELECT p.id, p.forename, p.surname, p.date_of_birth, p.upn, e.year_group
    FROM schools_person p JOIN schools_enrolment e ON e.person_id = p.id AND e.leaving_date IS NULL
    WHERE e.school_id = %s {where}
    ORDER BY p.surname, p.forename, p.id LIMIT 50 OFFSET %s
"""


def _pupils_of(school_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM schools_enrolment WHERE school_id = %s AND leaving_date IS NULL",
            [school_id],
        )
        return cursor.fetchone()[0]


def _search_word(person_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT surname FROM schools_person WHERE id = %s", [person_id])
        return cursor.fetchone()[0][:4]


def _events_about(person_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM chronology_event WHERE person_id = %s OR family_id IN "
            "(SELECT family_id FROM schools_familymember WHERE person_id = %s)",
            [person_id, person_id],
        )
        return cursor.fetchone()[0]


def list_measures(city: ScaleCity, *, reps: int) -> list[Measure]:
    head = client_for("head.teacher")
    school = city.largest_school_id
    pupils = _pupils_of(school)
    last_page = max(1, -(-pupils // PAGE_SIZE))
    word = _search_word(city.outliers[0])
    measures = [
        _page_measure(
            "list_first",
            f"Young-person list, largest school ({pupils} pupils), first page",
            _get(head, "/young-people/"),
            raw_sql(_LIST_SQL.format(where=""), [school, 0]),
            reps=reps,
        ),
        _page_measure(
            "list_deep",
            f"Young-person list, largest school, last page ({last_page})",
            _get(head, f"/young-people/?page={last_page}"),
            raw_sql(_LIST_SQL.format(where=""), [school, (last_page - 1) * PAGE_SIZE]),
            reps=reps,
        ),
        _page_measure(
            "list_search",
            f"Young-person name search ({word!r}) in the largest school",
            _get(head, f"/young-people/?q={word}"),
            raw_sql(
                _LIST_SQL.format(where="AND p.name_key LIKE %s"),
                [school, f"%{fold(word)}%", 0],
            ),
            reps=reps,
        ),
    ]
    measures[0].extra = {"pupils": pupils}
    return [*measures, _city_search_measure(word, reps=reps)]


_CITY_SEARCH_SQL = """
    SELECT p.id, p.forename, p.surname, p.date_of_birth, p.upn
    FROM schools_person p
    WHERE p.name_key LIKE %s AND (
        EXISTS (SELECT 1 FROM risk_flag f WHERE f.person_id = p.id AND f.cleared_at IS NULL)
        OR EXISTS (SELECT 1 FROM interventions_referral r
                   WHERE r.young_person_id = p.id AND r.status <> 'draft'))
    ORDER BY p.surname, p.forename, p.id LIMIT 50
"""


def _city_search_measure(word: str, *, reps: int) -> Measure:
    """The taskforce's search over its city-wide caseload, with its break-glass
    candidates from the whole city. No issue sets it a goal; it is watched because a
    search once made PostgreSQL hash every current flag (about 0.5 s)."""
    measure = _page_measure(
        "list_search_city",
        f"Young-person name search ({word!r}), taskforce, whole city",
        _get(client_for("taskforce"), f"/young-people/?q={word}"),
        raw_sql(_CITY_SEARCH_SQL, [f"%{fold(word)}%"]),
        reps=reps,
    )
    measure.goal, measure.met = "none set (watched for regressions)", None
    return measure


def young_person_measures(city: ScaleCity, *, reps: int, overhead_reps: int = OVERHEAD_REPS) -> list[Measure]:
    head = client_for("head.teacher")
    person = city.outliers[0]
    url = f"/young-people/{person}/"
    page = _page_measure(
        "young_person_page",
        "Young-person page, outlier with the most events (own + family)",
        _get(head, url),
        raw_sql(
            "SELECT * FROM chronology_event WHERE person_id = %s OR family_id IN "
            "(SELECT family_id FROM schools_familymember WHERE person_id = %s) "
            "ORDER BY occurred_on DESC, id DESC LIMIT 50",
            [person, person],
        ),
        reps=reps,
    )
    page.extra = {"events_own_and_family": _events_about(person)}
    logged = _get(head, url)

    def unlogged() -> object:
        with mock.patch.object(writing, "write_entry", return_value=AccessLogEntry()):
            return logged()

    (logged50, logged95, logged_queries), (off50, off95, off_queries) = timed_pair(
        logged, unlogged, reps=overhead_reps
    )
    ratio = round(logged50 / off50, 3)
    overhead = Measure(
        key="access_log_overhead",
        title="Access-log write overhead on the young-person page",
        p50_ms=logged50,
        p95_ms=logged95,
        runs=overhead_reps,
        queries=logged_queries,
        goal=f"logged / unlogged p50 <= {OVERHEAD_GOAL}",
        met=ratio <= OVERHEAD_GOAL,
        baseline={
            "what": "same page, log writer switched off",
            "p50_ms": off50,
            "p95_ms": off95,
            "queries": off_queries,
        },
        ratio=ratio,
    )
    return [page, overhead]


def _summarise_access_log(city: ScaleCity) -> float:
    """IG's home page and the anomalies page read the patterns from the summary the beat
    task keeps, so the bench builds it as an install would, before measuring either:
    through the command, over the city's month however long ago the city was built.
    Returns how long that took."""
    days = (timezone.localdate() - city.as_of).days + KEEP_UP_DAYS
    started = time.monotonic()
    call_command("summarise_access_anomalies", days=days, stdout=StringIO())
    return round(time.monotonic() - started, 1)


def access_log_measures(city: ScaleCity, *, reps: int) -> list[Measure]:
    ig = client_for("ig")
    person = city.outliers[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM accounts_accesslogentry")
        entries = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM accounts_accesslogsubject WHERE person_id = %s", [person])
        naming = cursor.fetchone()[0]
    date_to = city.as_of
    date_from = date_to - timedelta(days=29)
    who = _page_measure(
        "who_has_seen",
        f"IG 'who has seen this child' ({naming} entries name the child, {entries} entries in all)",
        _get(ig, f"/access-log/people/{person}/"),
        raw_sql(
            "SELECT e.* FROM accounts_accesslogentry e JOIN accounts_accesslogsubject s ON s.entry_id = e.id "
            "WHERE s.person_id = %s ORDER BY e.id DESC LIMIT 50",
            [person],
        ),
        reps=reps,
        goal_ms=WHO_HAS_SEEN_GOAL_MS,
    )
    search = _page_measure(
        "access_log_30_days",
        f"IG access-log search over 30 days ({entries} entries in all)",
        _get(ig, f"/access-log/entries/?date_from={date_from}&date_to={date_to}"),
        raw_sql(
            "SELECT * FROM accounts_accesslogentry WHERE at >= %s AND at < %s ORDER BY id DESC LIMIT 50",
            [date_from, date_to + timedelta(days=1)],
        ),
        reps=reps,
    )
    summary_seconds = _summarise_access_log(city)
    home = _page_measure(
        "home_ig",
        f"IG officer's home page (every kind of anomaly not yet reviewed over 30 days, the patterns "
        f"from the hourly summary, {entries} entries in all)",
        _get(ig, "/"),
        raw_sql(
            "SELECT kind, count(*) FROM accounts_accesslogentry WHERE at >= %s GROUP BY kind",
            [date_from],
        ),
        reps=reps,
    )
    anomalies = _page_measure(
        "anomalies_30_days",
        f"IG anomalies page over 30 days, every kind ({entries} entries in all)",
        _get(ig, f"/access-log/anomalies/?date_from={date_from}&date_to={date_to}"),
        raw_sql(
            "SELECT * FROM accounts_anomalyactorhour WHERE hour_id >= %s AND hour_id < %s",
            [date_from, date_to + timedelta(days=1)],
        ),
        reps=reps,
        goal_ms=ANOMALIES_GOAL_MS,
    )
    who.extra = {"entries_naming_child": naming, "entries_total": entries}
    search.extra = {"entries_total": entries}
    home.extra = {"entries_total": entries}
    anomalies.extra = {"entries_total": entries, "summary_build_seconds": summary_seconds}
    return [who, search, home, anomalies]
