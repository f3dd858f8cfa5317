"""Every URL as every actor, in a world whose pages have more to show than the young
person opened (tests/accounts/record_text_world.py): a family, referrals with an
addition, events and trigger points of every tier, notifications. The URLs come from the
resolver and their arguments from the access matrix, so a page landed later is walked
without anyone listing it; an argument naming a young person is tried with each young
person of the world, so each record page is also read as a relative's, a referred
pupil's and another school's. A second walk gives each parameter a page's forms and
links name (an API endpoint's, its description) the id of each record of the world,
and a third opens every page of the Django admin.

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

import re
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from accounts.access import names_flag, visible_young_people
from accounts.access_detail import DETAIL_BY_ROLE, DetailLevel
from accounts.models import AccessLogEntry, AccessLogSubject, User
from accounts.roles import SCHOOL_ROLES, Role
from schools.models import Person
from tests.accounts import record_text_world
from tests.accounts.access_matrix import ACTORS, EXPECTED, URL_KWARGS
from tests.accounts.test_hostile_input_walk import _Forms
from tests.accounts.url_patterns import portal_urls
from tests.accounts.walk_world import World, module_world, signed_in

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


def _parameters(path: str, response: HttpResponse) -> set[str]:
    """The GET parameters the page's forms and links name, or the endpoint's description."""
    names = {name for pattern, names in API_PARAMETERS if pattern.fullmatch(path) for name in names}
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return names
    page = _Forms()
    page.feed(response.content.decode())
    names |= {n for form in page.forms if form["method"] == "get" for n in form["fields"]}
    return names | page.link_parameters.get(path, set()) | page.link_parameters.get("", set())


def _api_parameters() -> list[tuple[re.Pattern, set[str]]]:
    description = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for route, operations in description["paths"].items():
        names = {p["name"] for p in operations.get("get", {}).get("parameters", []) if p["in"] == "query"}
        if names:
            found.append((re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(route))), names))
    return found


API_PARAMETERS = _api_parameters()
"""(route pattern, query parameter names) of each API endpoint, from its description."""


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


walk_world, _media_in_tmp = module_world(record_text_world.build)
"""The access walk's world and the record text walk's additions, built once for the
module's walks."""


class _Walk:
    def __init__(self, world: World, actor: str) -> None:
        self.client = signed_in(world.users)[actor]
        self.client.raise_request_exception = False  # a server error is a finding, not the walk's end
        self.user = _signed_in(self.client)
        self.world = world.added
        self.rules = _Rules(actor, self.user, self.world)
        self.failures: list[str] = []
        self.requests = 0
        self.seen: set[str] = set()

    def paths(self, *, variants: bool) -> Iterator[str]:
        for url in portal_urls():
            if url.name in NOT_WALKED or url.name.startswith("admin:"):
                continue
            for kwargs in _variants(url.name, self.world.keys)[: None if variants else 1]:
                yield reverse(url.name, kwargs=kwargs)

    def get(self, path: str) -> HttpResponse | None:
        """The answer, checked against the rules; None for a server error."""
        last = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = self.client.get(path)
        self.requests += 1
        if response.status_code >= 500:
            self.failures.append(f"GET {path}: {response.status_code}")
            return None
        logged = AccessLogSubject.objects.filter(entry_id__gt=last, entry__actor=self.user)
        found, words = self.rules.breaches(_body(response), set(logged.values_list("person_id", flat=True)))
        self.failures += [f"GET {path}: {finding}" for finding in found]
        self.seen |= words
        return response

    def report(self) -> str:
        return f"{len(self.failures)} of {self.requests} requests:\n" + "\n".join(self.failures)


WALKED = [a for a in ACTORS if a != "anonymous"]


@pytest.mark.parametrize("actor", WALKED)
def test_every_page_shows_only_what_the_actor_may_read_and_logs_whom(walk_world, actor):
    walk = _Walk(walk_world, actor)
    for path in walk.paths(variants=True):
        walk.get(path)
    unseen = walk.rules.readable() - walk.seen
    assert not unseen, f"the walk never reached {sorted(unseen)}, which {actor} may read"
    assert not walk.failures, walk.report()


@pytest.mark.parametrize("actor", WALKED)
def test_no_parameter_naming_another_record_widens_what_a_page_shows(walk_world, actor):
    """Each parameter a page's own forms and links name (an API endpoint's, in its
    description), given in turn the id of each young person, school, referral,
    intervention and flag of the world: a filter narrows what the actor may see, never
    reaches past it."""
    walk = _Walk(walk_world, actor)
    # Each kind's ids are a million apart (walk_world.py), and each id is tried once.
    values = list(
        dict.fromkeys(
            walk.world.keys[k] for k in (*PEOPLE_KEYS, "school", "referral", "intervention", "flag")
        )
    )
    for path in walk.paths(variants=False):
        response = walk.get(path)
        if response is None or response.status_code != 200:
            continue
        for name in sorted(_parameters(path, response)):
            for value in values:
                walk.get(f"{path}?{urlencode({name: value})}")
    assert not walk.failures, walk.report()


def test_no_page_of_the_django_admin_shows_a_childs_record(walk_world):
    """The walks open the admin's index only: here every list, add, change and history
    page of every model it registers, in the same world, held to the same rules (an
    administrator sees no child record: a user's or a school's page names none)."""
    walk = _Walk(walk_world, Role.ADMINISTRATOR.value)
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        walk.get(reverse(f"{info}_changelist"))
        walk.get(reverse(f"{info}_add"))
        for pk in model.objects.values_list("pk", flat=True):
            walk.get(reverse(f"{info}_change", args=[pk]))
            walk.get(reverse(f"{info}_history", args=[pk]))
    assert not walk.failures, walk.report()
