"""The register's cadence and retention period stay within what the health check and the
retention job can work with: an administrator's slip cannot empty a feed overnight or
take the feed-health page down."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Feed
from stewardship.selectors.health import feed_health
from stewardship.services.retention import apply_retention
from tests.chronology.register_edit import as_opened
from tests.chronology.test_pages import signed_in

EDIT = {
    "owner_agency": "The local NHS trust and CAMHS",
    "purpose": "CAMHS and A&E",
    "lawful_basis": "DPA 2018 Sch.1 para 18",
    "dsa_reference": "DSA-9",
    "dpia_reference": "DPIA-9",
    "cadence_days": 7,
    "retention_months": 72,
    "default_sensitivity": "restricted",
}


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"cadence_days": 0}, "Enter how many days apart the feed&#x27;s files are expected as 1 or more"),
        (
            {"cadence_days": 2_147_483_647},
            "Enter how many days apart the feed&#x27;s files are expected as 366 or fewer",
        ),
        ({"retention_months": 0}, "Enter the retention period in months as 1 or more"),
        ({"retention_months": 30_000}, "Enter the retention period in months as 1200 or fewer"),
    ],
    ids=["no cadence", "cadence past any date", "retained for no time", "retained past year 1"],
)
def test_a_cadence_or_retention_period_out_of_range_is_refused(register, client, password, change, error):
    signed_in(client, password, Role.ADMINISTRATOR)
    response = client.post(
        reverse("chronology:register_edit", args=["health"]), EDIT | change | as_opened(client, "health")
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert "Ensure this value" not in response.content.decode()
    feed = Feed.objects.get(code="health")
    assert (feed.cadence_days, feed.retention_months) == (7, 72)


def test_the_longest_cadence_and_retention_allowed_still_work(register, client, password):
    signed_in(client, password, Role.ADMINISTRATOR)
    edit = EDIT | {"cadence_days": 366, "retention_months": 1200} | as_opened(client, "health")
    assert client.post(reverse("chronology:register_edit", args=["health"]), edit).status_code == 302
    assert feed_health()
    assert "health" in apply_retention(by=None, dry_run=True).cutoffs


def test_an_edit_opened_before_a_colleagues_save_is_refused_and_theirs_kept(register, client, password):
    signed_in(client, password, Role.ADMINISTRATOR)
    url = reverse("chronology:register_edit", args=["health"])
    opened = as_opened(client, "health")
    colleague = Client()
    signed_in(colleague, password, Role.ADMINISTRATOR)
    assert (
        colleague.post(url, EDIT | {"retention_months": 96} | as_opened(colleague, "health")).status_code
        == 302
    )

    stale = client.post(url, EDIT | {"retention_months": 60} | opened)

    assert stale.status_code == 200
    assert "This register entry was saved by " in stale.content.decode()
    assert "after you opened it" in stale.content.decode()
    assert "Nothing was saved: what you typed is still below." in stale.content.decode()
    assert 'value="60"' in stale.content.decode()
    assert Feed.objects.get(code="health").retention_months == 96
    now_seen = re.search(r'name="seen" value="([^"]+)"', stale.content.decode())[1]
    assert now_seen == as_opened(client, "health")["seen"], "sent again, it follows the colleague's save"
    fresh = client.post(url, EDIT | {"retention_months": 60, "seen": now_seen})
    assert fresh.status_code == 302
    assert Feed.objects.get(code="health").retention_months == 60


@pytest.mark.parametrize("seen", ["", "yesterday", "2026-13-45T00:00:00.000000+0000"])
def test_an_edit_without_a_readable_opened_time_is_refused_in_words(register, client, password, seen):
    signed_in(client, password, Role.ADMINISTRATOR)
    response = client.post(reverse("chronology:register_edit", args=["health"]), EDIT | {"seen": seen})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert (
        "This form was out of date or changed, so nothing was saved: what you typed is still below. "
        "Check it against the page as it is now, then send the form again."
    ) in html
    assert 'href="#id_seen"' not in html
    assert Feed.objects.get(code="health").retention_months == 72
    now_seen = re.search(r'name="seen" value="([^"]+)"', html)[1]
    assert now_seen == as_opened(client, "health")["seen"], "sent again, what was typed is saved"


def test_shortening_a_retention_period_says_what_tonight_s_run_will_remove(register, client, password):
    """72 months cut to 24 was saved with "The register entry is saved." and nothing else:
    four years of the feed's records went that night without a word."""
    signed_in(client, password, Role.ADMINISTRATOR)
    form = client.get(reverse("chronology:register_edit", args=["health"])).content.decode()
    assert "Shortening it removes" in form, "the field says what a shorter period does"

    edit = EDIT | {"retention_months": 24} | as_opened(client, "health")
    page = client.post(reverse("chronology:register_edit", args=["health"]), edit, follow=True)

    cutoff = apply_retention(by=None, dry_run=True).cutoffs["health"]
    html = page.content.decode()
    assert "It is now kept 24 months, not 72" in html
    assert "that no legal hold covers" in html
    assert re.search(r"dated before \d{1,2} [A-Z][a-z]+ \d{4}", html), cutoff


def test_the_sensitivity_offers_only_the_three_tiers(register, client, password):
    """A blank "---------" radio sat above education, partner and restricted: a choice that
    is always refused."""
    signed_in(client, password, Role.ADMINISTRATOR)
    html = client.get(reverse("chronology:register_edit", args=["health"])).content.decode()
    inputs = re.findall(r"<input[^>]*>", html)
    radios = [re.search(r'value="([^"]*)"', i)[1] for i in inputs if 'name="default_sensitivity"' in i]
    assert sorted(radios) == ["education", "partner", "restricted"]
    assert "---------" not in html
