"""Every URL as every actor, in a world whose pages have more to show than the young
person opened (tests/accounts/record_text_world.py): a family, referrals with an addition,
events and trigger points of every tier, notifications. The URLs come from the resolver and their arguments
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
- a trigger point's name only to a viewer the access layer lets see it named
  (names_flag), about someone they may see, or on the indicators' own pages;
- a referral's or intervention's words never to IG, a data officer, an administrator or
  another school, nor about a young person the actor may not see."""

import pytest
from django.urls import reverse

from accounts.access import names_flag, visible_young_people
from accounts.access_detail import DETAIL_BY_ROLE, DetailLevel
from accounts.models import AccessLogEntry, AccessLogSubject, User
from accounts.roles import SCHOOL_ROLES, Role
from schools.models import Person
from tests.accounts import record_text_world
from tests.accounts.access_matrix import ACTORS, EXPECTED, URL_KWARGS
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


class _Rules:
    """What one actor may be shown of the world, by the access layer's own answers."""

    def __init__(self, actor: str, user: User, world: record_text_world.Additions) -> None:
        self.user = user
        self.world = world
        self.people = list(Person.objects.all())
        self.visible = set(visible_young_people(user).values_list("pk", flat=True))
        self.tiers = DETAIL_BY_ROLE.get(user.role, {})
        # The indicators' own pages name every trigger point, raised on anyone or not.
        self.reads_indicators = EXPECTED["risk:indicators"][actor] == 200

    def reads_event(self, m: record_text_world.Marked) -> bool:
        return self.tiers.get(m.tier) == DetailLevel.FULL and bool(m.people & self.visible)

    def names_flag(self, f: record_text_world.FlagName) -> bool:
        named = names_flag(self.user, sensitivity=f.tier, awaiting_review=f.awaiting_review)
        return named and bool(f.people & self.visible)

    def readable(self) -> set[str]:
        """Every word the actor may read: some page must show each, or the walk proves nothing."""
        events = {m.word for m in self.world.events if self.reads_event(m)}
        return events | {f.name for f in self.world.flags if self.names_flag(f)}

    def breaches(self, body: str, logged: set[int]) -> tuple[list[str], set[str]]:
        """What the body shows that it should not, and the world's words it shows."""
        found = []
        shown = {p.pk for p in self.people if (p.upn and p.upn in body) or p.full_name in body}
        if missing := shown - logged:
            found.append(f"shows {sorted(missing)}, whom its log entry does not name")
        if self.user.role in SCOPED_ROLES and (outside := shown - self.visible):
            found.append(f"shows {sorted(outside)}, outside the actor's scope")
        found += [
            f"shows a {m.tier} event ({m.word}) the actor may not read"
            for m in self.world.events
            if m.word in body and not self.reads_event(m)
        ]
        found += [
            f"names a trigger point ({f.name}) not to be named to the actor"
            for f in self.world.flags
            if f.name in body and not (self.reads_indicators or self.names_flag(f))
        ]
        found += [
            f"shows case content ({c.word}) the actor may not read"
            for c in self.world.case
            if c.word in body and (self.user.role in NEVER_CASE_CONTENT or c.person not in self.visible)
        ]
        words = {m.word for m in self.world.events} | {f.name for f in self.world.flags}
        return found, {w for w in words if w in body}


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "anonymous"])
def test_every_page_shows_only_what_the_actor_may_read_and_logs_whom(actors, actor):  # noqa: F811
    clients, keys = actors
    client = clients[actor]
    client.raise_request_exception = False  # a server error is a finding, not the walk's end
    users = {a: _signed_in(c) for a, c in clients.items() if a != "anonymous"}
    world = record_text_world.build(keys, users)
    rules = _Rules(actor, users[actor], world)
    failures: list[str] = []
    requests = 0
    seen: set[str] = set()
    for url in portal_urls():
        if url.name in NOT_WALKED or url.name.startswith("admin:"):
            continue
        for kwargs in _variants(url.name, world.keys):
            path = reverse(url.name, kwargs=kwargs)
            last = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = client.get(path)
            requests += 1
            if response.status_code >= 500:
                failures.append(f"GET {path}: {response.status_code}")
                continue
            logged = AccessLogSubject.objects.filter(entry_id__gt=last, entry__actor=users[actor])
            found, words = rules.breaches(_body(response), set(logged.values_list("person_id", flat=True)))
            failures += [f"GET {path}: {finding}" for finding in found]
            seen |= words
    unseen = rules.readable() - seen
    assert not unseen, f"the walk never reached {sorted(unseen)}, which {actor} may read"
    assert not failures, f"{len(failures)} of {requests} requests as {actor}:\n" + "\n".join(failures)
