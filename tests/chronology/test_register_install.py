"""A new council's register starts honest: no made-up agreement or DPIA references, so
nothing can be imported until an administrator records real ones."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Feed, FeedRun
from chronology.services.imports import ImportRefused, import_feed_file
from chronology.services.register import feed_update, install_demonstration_register
from tests.chronology.test_pages import signed_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def install() -> str:
    out = io.StringIO()
    call_command("install_feed_register", stdout=out)
    return out.getvalue()


def test_a_fresh_register_leaves_every_feed_unimportable_and_says_what_is_missing(tmp_path):
    output = install()
    feeds = Feed.objects.all()
    assert feeds.count() == 14
    assert "14 feeds cannot be imported" in output
    for feed in feeds:
        assert feed.lawful_basis
        assert feed.owner_agency
        assert feed.purpose
        assert (feed.dsa_reference, feed.dpia_reference) == ("", "")
        assert f"  {feed.code}: no data-sharing agreement, DPIA" in output
        path = tmp_path / f"{feed.code}.csv"
        path.write_text("source_record_id\n")
        with pytest.raises(ImportRefused, match="no data-sharing agreement, DPIA"):
            import_feed_file(feed_code=feed.code, path=path, by=None)
    assert not FeedRun.objects.exists()


def test_recording_real_references_makes_a_feed_importable_and_installing_again_keeps_them(tmp_path):
    install()
    admin = UserFactory(role=Role.ADMINISTRATOR)
    health = Feed.objects.get(code="health")
    feed_update(by=admin, feed=health, fields={"dsa_reference": "NCC-DSA-7", "dpia_reference": "NCC-DPIA-7"})
    output = install()
    health.refresh_from_db()
    assert health.is_importable
    assert health.dsa_reference == "NCC-DSA-7"
    assert "13 feeds cannot be imported" in output
    assert "  health:" not in output


def test_the_demo_register_is_importable_and_marked_as_demonstration(client, password):
    install_demonstration_register(by=None)
    assert all(f.is_importable and f.references_are_demonstration for f in Feed.objects.all())
    signed_in(client, password, Role.IG_OFFICER)
    assert client.get(reverse("chronology:register")).content.decode().count("Demonstration references") == 15
    notice = client.get(reverse("privacy")).content.decode()
    assert notice.count("Demonstration only") == 15
    assert "stand for no real data-sharing agreement" in notice


def test_an_administrator_recording_a_real_reference_clears_the_demonstration_mark():
    install_demonstration_register(by=None)
    feed = Feed.objects.get(code="health")
    feed_update(by=UserFactory(role=Role.ADMINISTRATOR), feed=feed, fields={"dsa_reference": "NCC-DSA-7"})
    feed.refresh_from_db()
    assert not feed.references_are_demonstration
    other = Feed.objects.get(code="housing_benefits")
    feed_update(by=UserFactory(role=Role.ADMINISTRATOR), feed=other, fields={"retention_months": 60})
    other.refresh_from_db()
    assert other.references_are_demonstration


def test_a_fresh_register_on_the_privacy_notice_says_the_feeds_cannot_be_imported(client):
    install()
    notice = client.get(reverse("privacy")).content.decode()
    assert "Demonstration only" not in notice
    assert notice.count("Not yet recorded: this feed cannot be imported until it is") == 14


def test_a_fresh_register_names_no_demo_city_agency_and_the_demo_register_does():
    """A council's privacy notice publishes each feed's owner from the register: a new
    council's must not name the demo city's police or NHS trust."""
    install()
    owners = dict(Feed.objects.values_list("code", "owner_agency"))
    assert not [owner for owner in owners.values() if "Northbridge" in owner]
    assert owners["police_incidents"] == "The police force"
    install_demonstration_register(by=None)
    demo = dict(Feed.objects.values_list("code", "owner_agency"))
    assert demo["police_incidents"] == "Northbridge Police"
    assert demo["schools"] == owners["schools"], "a national source is the same everywhere"
