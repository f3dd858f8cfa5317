"""Hostile input on every URL, as every actor (issue 21). The URLs come from the resolver
and their arguments from tests/accounts/access_matrix.py; the parameters of each page
from the forms and links it serves (plus a few common names), so a URL or a form field
landed later is walked without anyone listing it.

Each URL is first opened as each actor with good values; then every path argument and,
where the actor may use the page, every GET parameter and every POST form field gets
each hostile value: NUL bytes, a lone surrogate (as broken UTF-8), 10,000 characters,
SQL and HTML metacharacters, negative and huge ids, a digit int() refuses; and then
every parameter and field at once, each given twice. Every answer must be one of:
no server error; no identifying detail of a person outside the actor's scope; and an
access-log entry naming every person whose name or UPN a response shows."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils.html import escape

from accounts.access import visible_young_people
from accounts.models import AccessLogEntry, AccessLogSubject, User
from accounts.roles import SCHOOL_ROLES, Role
from schools.models import Person
from tests.accounts.access_matrix import ACTORS, EXPECTED, URL_KWARGS
from tests.accounts.url_patterns import NamedURL, portal_urls
from tests.accounts.walk_world import World, module_world, signed_in
from tests.factories import EnrolmentFactory, FamilyMemberFactory, SchoolFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
HOSTILE = {
    "nul": "a\x00b",
    "lone surrogate": "%ED%A0%80",  # already percent-encoded: broken UTF-8 for U+D800
    "10,000 characters": "x" * 10_000,
    "sql": "' OR '1'='1' -- %_",
    "html": f'"><{SCRIPT[1:]}',
    "negative id": "-1",
    "huge id": "99999999999999999999",
    "bigint edge": "9223372036854775808",
    "superscript digit": "²",  # str.isdigit() accepts it, int() does not
}
PRE_ENCODED = {"lone surrogate"}
REPEATED = ("1", "x")
"""Besides the hostile values: every parameter and field sent twice, with these two
values, as a hand-edited address or a replayed form may."""
COMMON_PARAMETERS = ("q", "page", "search", "id", "person", "next")
"""Tried on every page an actor may use, besides those its forms and links name: an
API endpoint has no form to discover."""
NOT_SUBMITTED = {"logout"}
"""Forms whose submission would end the walk's session."""
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}
_ARGUMENT = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


class _Forms(HTMLParser):
    """The forms and linked query parameters of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.link_parameters: dict[str, set[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            method = (attributes.get("method") or "get").lower()
            self.forms.append({"method": method, "action": attributes.get("action") or "", "fields": set()})
        elif tag in ("input", "select", "textarea") and self.forms and attributes.get("name"):
            if attributes.get("type") not in ("file", "submit"):
                self.forms[-1]["fields"].add(attributes["name"])
        elif tag == "a" and "?" in (attributes.get("href") or ""):
            href = attributes["href"]
            path = urlsplit(href).path
            self.link_parameters.setdefault(path, set()).update(k for k, _ in parse_qsl(urlsplit(href).query))


@dataclass
class _Target:
    url: NamedURL
    kwargs: dict[str, str]
    get_parameters: set[str] = field(default_factory=set)
    post_fields: list[set[str]] = field(default_factory=list)

    def path(self, **values: str) -> str:
        """The URL's path with its arguments, any of them replaced by a raw value."""

        def fill(match: re.Match) -> str:
            name = match["name"]
            return values[name] if name in values else quote(str(self.kwargs.get(name, 1)), safe="")

        return "/" + _ARGUMENT.sub(fill, self.url.prefix + str(self.url.pattern.pattern))

    @property
    def int_arguments(self) -> set[str]:
        route = self.url.prefix + str(self.url.pattern.pattern)
        return {m["name"] for m in _ARGUMENT.finditer(route) if m["converter"] == "int"}


def _encoded(name: str, value: str) -> str:
    return value if name in PRE_ENCODED else quote(value, safe="")


def _body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode(errors="replace")


def _relatives(keys: dict, users: dict[str, User]) -> None:
    """A sibling the school may see, one it may not, and a young person of a school
    nobody in the walk works at."""
    pupil = Person.objects.get(pk=keys["pupil"])
    school_a = pupil.enrolments.get().school
    family = FamilyMemberFactory(person=pupil).family
    FamilyMemberFactory(
        family=family, person=EnrolmentFactory(school=school_a).person, relationship="sibling"
    )
    elsewhere = SchoolFactory()
    FamilyMemberFactory(
        family=family, person=EnrolmentFactory(school=elsewhere).person, relationship="sibling"
    )
    EnrolmentFactory(school=elsewhere)


walk_world, _media_in_tmp = module_world(_relatives)
"""The access walk's world and the relatives, built once for the module's walks."""


@pytest.fixture
def world(walk_world: World):
    """The world's users, each signed in afresh for the test."""
    clients = signed_in(walk_world.users)
    for client in clients.values():
        client.raise_request_exception = False  # a server error is a finding, not the walk's end
    users = {actor: User.objects.get(pk=user.pk) for actor, user in walk_world.users.items()}
    return clients, walk_world.keys, users


def _identifying(people: list[Person], body: str) -> set[int]:
    return {p.pk for p in people if p.upn in body or escape(p.full_name) in body or p.full_name in body}


class _Walk:
    def __init__(self, clients: dict[str, Client], users: dict[str, User]) -> None:
        self.clients = clients
        self.users = users
        self.people = list(Person.objects.all())
        self.visible = {
            actor: set(visible_young_people(user).values_list("pk", flat=True))
            for actor, user in users.items()
        }
        self.failures: list[str] = []
        self.requests = 0

    def send(self, actor: str, method: str, path: str, data: str = "", what: str = "") -> None:
        client = self.clients[actor]
        last = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if method == "get":
            response = client.get(f"{path}?{data}" if data else path)
        else:
            response = client.post(path, data, content_type="application/x-www-form-urlencoded")
        self.requests += 1
        label = f"{method.upper()} {path} {what} as {actor}"
        if response.status_code >= 500:
            self.failures.append(f"{label}: {response.status_code}")
            return
        body = _body(response)
        if SCRIPT in body and "html" in response.get("Content-Type", ""):  # JSON runs no script
            self.failures.append(f"{label}: the script came back unescaped")
        shown = _identifying(self.people, body)
        if not shown:
            return
        logged = set(
            AccessLogSubject.objects.filter(
                entry_id__gt=last, entry__actor=self.users.get(actor)
            ).values_list("person_id", flat=True)
        )
        if shown - logged:
            self.failures.append(
                f"{label}: shows people {sorted(shown - logged)} its log entry does not name"
            )
        scoped = actor == "anonymous" or self.users[actor].role in (*SCHOOL_ROLES, Role.ADMINISTRATOR)
        if scoped and (leaked := shown - self.visible.get(actor, set())):
            self.failures.append(f"{label}: shows people outside the actor's scope {sorted(leaked)}")


def _view_runs(name: str, actor: str) -> bool:
    """Whether the actor gets past the resolver, the input guard and the role check to
    the view itself, as the access matrix says: only then do the page's own parameters
    reach code that could fail on them."""
    status = EXPECTED.get(name, {}).get(actor, 200)  # a URL not in the matrix yet is walked in full
    return status not in (403, 405) and not (actor == "anonymous" and status == 302)


@pytest.mark.parametrize("actor", ACTORS)
def test_hostile_input_on_every_url(world, actor):
    """One actor per test, so that the suite's workers share the walk (it was the suite's
    longest test). Nothing is lost by the split: the forms and links of a page are
    looked for in what that actor is served, and the good values' answers too."""
    clients, keys, users = world
    walk = _Walk(clients, users)
    client = clients[actor]
    targets = [
        _Target(url, {arg: keys[key] for arg, key in URL_KWARGS.get(url.name, {}).items()})
        for url in portal_urls()
    ]
    forms_seen: dict[str, list[dict]] = {}
    links_seen: dict[str, set[str]] = {}
    for target in (t for t in targets if _view_runs(t.url.name, actor)):
        response = client.get(target.path())
        walk.requests += 1
        if response.status_code >= 500:
            walk.failures.append(f"GET {target.path()} as {actor}: {response.status_code} with good values")
        if response.status_code == 200 and not response.streaming and "html" in response["Content-Type"]:
            page = _Forms()
            page.feed(response.content.decode())
            for form in page.forms:
                action = urlsplit(form["action"]).path or target.path()
                forms_seen.setdefault(action, []).append(form)
            for path, names in page.link_parameters.items():
                links_seen.setdefault(path or target.path(), set()).update(names)

    for target in targets:
        path = target.path()
        arguments = getattr(target.url.pattern.pattern, "converters", {})
        runs = _view_runs(target.url.name, actor)
        if runs or actor == "anonymous":
            # Anyone else is turned away before the view, as anonymous is here.
            for argument in arguments:
                for what, value in HOSTILE.items():
                    walk.send(actor, "get", target.path(**{argument: _encoded(what, value)}), what=what)
        if not runs:
            continue
        forms = forms_seen.get(path, [])
        get_names = {n for f in forms if f["method"] == "get" for n in f["fields"]} - SKIPPED_FIELDS
        get_names |= links_seen.get(path, set()) | set(COMMON_PARAMETERS)
        for what, value in HOSTILE.items():
            query = "&".join(f"{quote(n)}={_encoded(what, value)}" for n in sorted(get_names))
            walk.send(actor, "get", path, query, what=f"in {sorted(get_names)}: {what}")
        walk.send(actor, "get", path, _repeated(get_names), what=f"each of {sorted(get_names)} twice")
        if _submits_away(path):
            continue
        for form in (f for f in forms if f["method"] == "post"):
            names = sorted(form["fields"] - SKIPPED_FIELDS)
            for what, value in HOSTILE.items():
                if what in PRE_ENCODED:
                    data = "&".join(f"{quote(n)}={value}" for n in names)
                else:
                    data = urlencode(dict.fromkeys(names, value))
                walk.send(actor, "post", path, data, what=f"posted in {names}: {what}")
            walk.send(actor, "post", path, _repeated(names), what=f"posted each of {names} twice")

    assert not walk.failures, f"{len(walk.failures)} of {walk.requests} requests:\n" + "\n".join(
        walk.failures
    )


def _repeated(names: set[str] | list[str]) -> str:
    return urlencode([(n, value) for n in sorted(names) for value in REPEATED])


def _submits_away(path: str) -> bool:
    try:
        return resolve(path).url_name in NOT_SUBMITTED
    except Resolver404:
        return False
