"""Every URL as every actor, in a world whose pages have more to show than the young
person opened (tests/accounts/record_text_world.py): a family, referrals with an addition,
events of every tier, notifications. The URLs come from the resolver and their arguments
from the access matrix, so a page landed later is walked without anyone listing it; an
argument naming a young person is tried with each young person of the world, so each
record page is also read as a relative's, a referred pupil's and another school's.

Every answer must hold to the phase's contract:
- no server error;
- an access-log entry, written by that request, naming every person whose name or UPN
  the response shows;
- for an actor whose scope is a set of young people (school staff, an intervention
  worker, an administrator, anonymous), nobody outside it identified;
- an event's words only where the actor's role reads its tier in full (DESIGN.md section
  5, accounts.access_detail.DETAIL_BY_ROLE), about someone the actor may see;
- a referral's or intervention's words never to IG, a data officer, an administrator or
  another school, nor about a young person the actor may not see."""

import pytest
from django.urls import reverse

from accounts.access import visible_young_people
from accounts.access_detail import DETAIL_BY_ROLE, DetailLevel
from accounts.models import AccessLogEntry, AccessLogSubject, User
from accounts.roles import SCHOOL_ROLES, Role
from schools.models import Person
from tests.accounts import record_text_world
from tests.accounts.access_matrix import ACTORS, URL_KWARGS
from tests.accounts.test_url_access_walk import actors  # noqa: F401 (the walk's world, a fixture)
from tests.accounts.url_patterns import portal_urls

pytestmark = pytest.mark.django_db

PEOPLE_KEYS = ("pupil", "referred", "sibling", "quiet", "elsewhere", "parent")
"""World keys naming a young person: a URL argument given one of them is tried with each."""
SCOPED_ROLES = {*SCHOOL_ROLES, Role.INTERVENTION_WORKER, Role.ADMINISTRATOR}
NEVER_CASE_CONTENT = {Role.IG_OFFICER, Role.DATA_OFFICER, Role.ADMINISTRATOR}
NOT_WALKED = {"logout", "session:keep_alive"}
"""GETs that would end or change the walk's session."""


def _body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode(errors="replace")


def _signed_in(client) -> User:
    return User.objects.get(pk=int(client.session["_auth_user_id"]))


def _variants(name: str, keys: dict) -> list[dict]:
    """The URL's arguments from the access matrix, and again with each other young person
    for an argument that names one."""
    mapping = URL_KWARGS.get(name, {})
    good = {arg: keys[key] for arg, key in mapping.items()}
    variants = [good]
    for arg, key in mapping.items():
        if key in PEOPLE_KEYS:
            variants += [good | {arg: keys[other]} for other in PEOPLE_KEYS if other != key]
    return variants


def _shown(people: list[Person], body: str) -> set[int]:
    return {p.pk for p in people if (p.upn and p.upn in body) or p.full_name in body}


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "anonymous"])
def test_every_page_shows_only_what_the_actor_may_read_and_logs_whom(actors, actor):  # noqa: F811
    clients, keys = actors
    client = clients[actor]
    client.raise_request_exception = False  # a server error is a finding, not the walk's end
    user = User.objects.get(pk=int(client.session["_auth_user_id"]))
    users = {
        a: User.objects.get(pk=int(c.session["_auth_user_id"]))
        for a, c in clients.items()
        if a != "anonymous"
    }
    keys, marked, case = record_text_world.build(keys, users)
    people = list(Person.objects.all())
    visible = set(visible_young_people(user).values_list("pk", flat=True))
    tiers = DETAIL_BY_ROLE.get(user.role, {})
    failures: list[str] = []
    requests = 0
    seen: set[str] = set()
    for url in portal_urls():
        if url.name in NOT_WALKED or url.name.startswith("admin:"):
            continue
        for kwargs in _variants(url.name, keys):
            path = reverse(url.name, kwargs=kwargs)
            last = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = client.get(path)
            requests += 1
            if response.status_code >= 500:
                failures.append(f"GET {path}: {response.status_code}")
                continue
            body = _body(response)
            shown = _shown(people, body)
            logged = set(
                AccessLogSubject.objects.filter(entry_id__gt=last, entry__actor=user).values_list(
                    "person_id", flat=True
                )
            )
            if missing := shown - logged:
                failures.append(f"GET {path}: shows {sorted(missing)}, whom its log entry does not name")
            if user.role in SCOPED_ROLES and (outside := shown - visible):
                failures.append(f"GET {path}: shows {sorted(outside)}, outside the actor's scope")
            seen |= {m.word for m in marked if m.word in body}
            for m in marked:
                readable = tiers.get(m.tier) == DetailLevel.FULL and m.people & visible
                if m.word in body and not readable:
                    failures.append(f"GET {path}: shows a {m.tier} event ({m.word}) the actor may not read")
            for c in case:
                allowed = user.role not in NEVER_CASE_CONTENT and c.person in visible
                if c.word in body and not allowed:
                    failures.append(f"GET {path}: shows case content ({c.word}) the actor may not read")
    readable = {m.word for m in marked if tiers.get(m.tier) == DetailLevel.FULL and m.people & visible}
    assert readable <= seen, f"the walk never reached {sorted(readable - seen)}, which {actor} may read"
    assert not failures, f"{len(failures)} of {requests} requests as {actor}:\n" + "\n".join(failures)
