"""Following the work queue's way back through a referral's or an intervention's pages:
what the tests of each page that carries it share."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import Intervention
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, programme
from tests.way_back_html import assert_stays_home, back_link, link_to, logged_people

QUEUE = reverse("referrals:queue")
REVIEWS_DUE = f"{QUEUE}#reviews"
NEW = f"{QUEUE}#new"
AWAITING = f"{QUEUE}#awaiting"
UNALLOCATED = f"{QUEUE}#unallocated"
REFERRALS = reverse("referrals:list")
INTERVENTIONS = reverse("interventions:list")
QUEUE_WAY_BACK = "way_back=from%3Dwork-queue"
"""The way back the queue gives an intervention, as its pages carry it on."""

HOSTILE = [
    "https://evil.example/",
    "//evil.example",
    "from=work-queue&list=next%3Dhttps://evil.example",
    "from=work-queue%00",
    "from=work-queue&list=%00",
    "from=flagged&list=tier%3Dhigh",
    "from=intervention&record=1",
    "from=https://evil.example/",
    "from=work-queue&list=" + "x" * 970,
    "&" * 999,
]
"""Hand-made ways back the portal answers (a raw NUL or a value over the address limit
is refused with 400 before any page runs): each leads only to the portal's own pages."""


def due() -> Intervention:
    return allocate(start=timezone.localdate() - datetime.timedelta(days=40))


def opened_from_queue(officer: Client, intervention: Intervention) -> str:
    """The intervention's address as the queue's "Reviews due" links to it."""
    html = officer.get(QUEUE).content.decode()
    return link_to(html, reverse("interventions:detail", args=[intervention.pk]))


def page(client: Client, href: str) -> str:
    response = client.get(href)
    assert response.status_code == 200, href
    return response.content.decode()


def leads_back(client: Client, href: str) -> tuple[str, str]:
    """Where the page at `href` leads back to: its back link."""
    return back_link(page(client, href))


def carried(href: str) -> dict[str, str]:
    """The way back an address carries, unpacked ({} for none)."""
    return dict(parse_qsl(dict(parse_qsl(urlsplit(href).query)).get("way_back", "")))


def assert_leads_to_the_queue(client: Client, href: str, intervention: Intervention) -> None:
    """`href` is the intervention, still leading back to the queue's reviews due."""
    assert urlsplit(href).path == reverse("interventions:detail", args=[intervention.pk]), href
    assert leads_back(client, href) == (REVIEWS_DUE, "Work queue"), href


def assert_each_hand_made_way_back_stays_home(client: Client, url: str, *, home: str) -> None:
    """`url`'s page, given each hostile way back, leads back only to `home`, carrying no
    way back other than the queue's."""
    for way_back in HOSTILE:
        params = {"way_back": way_back}
        response = client.get(url, params)
        assert_stays_home(response, params, paths=(home,), kept={"way_back"})
        assert carried(back_link(response.content.decode())[0]) in ({}, {"from": "work-queue"}), way_back


def assert_returns_home(response, home: str, way_back: str, *, section: str = "") -> None:
    """A form sent with a hand-made `way_back` returns to `home`, carrying at most the
    queue's way back, rebuilt (naming the queue's `section` where the form's page names
    one)."""
    assert response.status_code == 302, way_back
    assert urlsplit(response.url).path == home, way_back
    queue = {"from": "work-queue"} | ({"list": f"section={section}"} if section else {})
    assert carried(response.url) in ({}, queue), way_back
    assert not any(word in response.url for word in ("evil", "next", "flagged", "%00")), way_back


def last_logged(user) -> set[int]:
    return logged_people(AccessLogEntry.objects.filter(actor=user).latest("pk"))


def assert_logs_the_same_people(client: Client, user, url: str, way_back: str) -> None:
    """The page names the same people in the access log with or without the way back."""
    page(client, url)
    plain = last_logged(user)
    page(client, f"{url}?{way_back}")
    assert last_logged(user) == plain
    assert plain


def from_queue(officer, url_name: str, referral) -> str:
    """The queue's link to `url_name`'s page of `referral`."""
    return link_to(page(officer, QUEUE), reverse(url_name, args=[referral.pk]))


def form_action(html: str, path: str) -> str:
    """Where the page's form posting to `path` sends it."""
    return unescape(re.search(rf'<form method="post" action="({re.escape(path)}[^"]*)"', html).group(1))


def allocation() -> dict:
    """The allocation form as an officer fills it in."""
    today = timezone.localdate()
    return {
        "programme": programme().pk,
        "provider": "Northbridge Youth Service",
        "worker": user_with_role(Role.INTERVENTION_WORKER).pk,
        "start_date": today.isoformat(),
        "planned_sessions": 6,
        "review_date": (today + datetime.timedelta(days=42)).isoformat(),
    }


def query_carrying(way_back: str) -> str:
    """A query string carrying `way_back`, as a link would."""
    return urlencode({"way_back": way_back})


def decide(client, address: str, referral, decision: str, note: str = "Noted."):
    """A triage decision sent from the form at `address`."""
    return client.post(address, {"decision": decision, "note": note, "version": referral.version})
