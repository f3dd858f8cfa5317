"""Picks the people a journey needs out of the browser server's demo city by what is
true of them (school, events, family), never by name, so a change to the demo
generator moves the journeys to other pupils instead of breaking them. Read-only SQL
against the server's database: the browser tests do not share Django's test database."""

from dataclasses import dataclass
from datetime import date
from functools import cache

import environ
import psycopg2

from schools.views.young_people import RECENT_ENTRIES
from tests.browser.portal_server import browser_database_url

HEAD_TEACHER = "head.teacher@northbridge.example"
DSL = "dsl@northbridge.example"
OTHER_HEAD_TEACHER = "head.teacher2@northbridge.example"
IG_OFFICER = "ig@northbridge.example"
DATA_OFFICER = "data.officer@northbridge.example"
TASKFORCE = "taskforce@northbridge.example"
WORKER = "worker@northbridge.example"
ADMINISTRATOR = "admin@northbridge.example"


@dataclass(frozen=True)
class Pupil:
    id: int
    forename: str
    surname: str
    upn: str
    date_of_birth: date
    school: str
    school_urn: str
    partner_summary: str
    """The summary of the pupil's latest own partner-agency event: the DSL reads it, the
    head teacher must not."""

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.surname}"


def _query(sql: str, params: dict) -> list[tuple]:
    cfg = environ.Env.db_url_config(browser_database_url())
    conn = psycopg2.connect(dbname=cfg["NAME"], user=cfg["USER"], host=cfg["HOST"], port=cfg["PORT"])
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()


_PUPIL_SQL = """
with school as (
    select s.id, s.name, s.urn from schools_school s
    join accounts_schoolassignment a on a.school_id = s.id
    join accounts_user u on u.id = a.user_id
    where u.email = %(email)s
),
pupil as (
    select p.* from schools_person p
    join schools_enrolment e on e.person_id = p.id and e.leaving_date is null
    where e.school_id = (select id from school) and p.upn <> ''
),
about as (
    -- the events a pupil's page may show: their own, their households' while they were
    -- members, and their relatives' while both were (accounts/access_household.py)
    select p.id as pupil_id, ev.id as event_id, ev.sensitivity, true as own
    from pupil p join chronology_event ev on ev.person_id = p.id
    union
    select p.id, ev.id, ev.sensitivity, false
    from pupil p
    join schools_familymember mine on mine.person_id = p.id
    join chronology_event ev on ev.family_id = mine.family_id
    where ev.occurred_on >= coalesce(mine.from_date, ev.occurred_on)
      and ev.occurred_on <= coalesce(mine.to_date, ev.occurred_on)
    union
    select p.id, ev.id, ev.sensitivity, false
    from pupil p
    join schools_familymember mine on mine.person_id = p.id
    join schools_familymember rel on rel.family_id = mine.family_id and rel.person_id <> p.id
    join chronology_event ev on ev.person_id = rel.person_id
    where ev.occurred_on >= coalesce(greatest(mine.from_date, rel.from_date), ev.occurred_on)
      and ev.occurred_on <= coalesce(least(mine.to_date, rel.to_date), ev.occurred_on)
),
candidate as (
    select pupil_id from about group by pupil_id
    having count(*) <= %(shown)s
       and count(*) filter (where sensitivity = 'restricted') > 0
       and count(*) filter (where sensitivity = 'partner' and own) > 0
)
select p.id, p.forename, p.surname, p.upn, p.date_of_birth, (select name from school),
       (select urn from school),
       (select ev.summary from chronology_event ev
        where ev.person_id = p.id and ev.sensitivity = 'partner' and ev.summary <> ''
        order by ev.occurred_on desc, ev.id desc limit 1)
from pupil p
where p.id in (select pupil_id from candidate)
  and exists (select 1 from schools_familymember fm where fm.person_id = p.id)
  and exists (select 1 from chronology_event ev
              where ev.person_id = p.id and ev.sensitivity = 'partner' and ev.summary <> '')
order by p.id
limit 1
"""


@cache
def pupil_with_partner_and_restricted_events() -> Pupil:
    """A pupil at the head teacher's (and DSL's) school with a family, their own
    partner-agency events and restricted events, few enough that the page shows them all."""
    rows = _query(_PUPIL_SQL, {"email": HEAD_TEACHER, "shown": RECENT_ENTRIES})
    assert rows, "the demo city has no pupil with partner and restricted events at the head teacher's school"
    return Pupil(*rows[0])


def school_of(email: str) -> str:
    rows = _query(
        "select s.name from schools_school s join accounts_schoolassignment a on a.school_id = s.id "
        "join accounts_user u on u.id = a.user_id where u.email = %(email)s",
        {"email": email},
    )
    return rows[0][0]


def current_pupils_of(email: str, *, limit: int) -> list[tuple[str, str]]:
    """(URN, UPN) of some current pupils at the user's school, for a feed file about them."""
    return _query(
        "select s.urn, p.upn from schools_person p "
        "join schools_enrolment e on e.person_id = p.id and e.leaving_date is null "
        "join schools_school s on s.id = e.school_id "
        "join accounts_schoolassignment a on a.school_id = s.id "
        "join accounts_user u on u.id = a.user_id "
        "where u.email = %(email)s and p.upn <> '' order by p.id limit %(limit)s",
        {"email": email, "limit": limit},
    )


def unreferred_pupil_of(email: str) -> tuple[int, str]:
    """(id, full name) of a current pupil at the user's school with no referral yet."""
    rows = _query(
        "select p.id, p.forename || ' ' || p.surname from schools_person p "
        "join schools_enrolment e on e.person_id = p.id and e.leaving_date is null "
        "join accounts_schoolassignment a on a.school_id = e.school_id "
        "join accounts_user u on u.id = a.user_id "
        "where u.email = %(email)s and not exists "
        "(select 1 from interventions_referral r where r.young_person_id = p.id) "
        "order by p.id desc limit 1",
        {"email": email},
    )
    return rows[0]


def closed_intervention_with_improved_attendance() -> int:
    """The demo's closed intervention whose measured attendance rose."""
    rows = _query(
        "select i.id from interventions_intervention i "
        "join interventions_measure b on b.intervention_id = i.id and b.point = 'baseline' "
        "join interventions_measure c on c.intervention_id = i.id and c.point = 'closure' "
        "where i.status = 'closed' order by "
        "(c.sessions_attended::float / greatest(c.sessions_possible, 1)) - "
        "(b.sessions_attended::float / greatest(b.sessions_possible, 1)) desc limit 1",
        {},
    )
    return rows[0][0]


def pupils_on_roll() -> int:
    """Every school's current pupils, as the fairness tables count them."""
    return _query("select count(*) from schools_enrolment where leaving_date is null", {})[0][0]
