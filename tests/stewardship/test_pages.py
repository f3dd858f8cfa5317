"""The feed-health pages, the data officer's home page, and IG's retention pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry, ChangeLogEntry
from accounts.roles import Role
from chronology.models import Feed
from stewardship.models import LegalHold
from stewardship.services.retention import apply_retention
from tests.factories import FeedFactory, PersonFactory, valid_upn
from tests.factories.access import user_with_role
from tests.stewardship.conftest import imported


def signed_in(client, role):
    user = user_with_role(role)
    client.force_login(user)
    return user


@pytest.fixture
def feeds(db):
    """A healthy feed, an overdue one and one whose latest import lost most of its rows."""
    now = timezone.now()
    healthy = FeedFactory(code=Feed.Code.POLICE_INCIDENTS, cadence_days=7)
    overdue = FeedFactory(code=Feed.Code.HEALTH, cadence_days=7)
    dropped = FeedFactory(code=Feed.Code.SOCIAL_CARE, cadence_days=7)
    for days in (3, 2, 1):
        imported(healthy, days_ago=days, rows=200, rejected=2, queued=10, now=now)
        imported(dropped, days_ago=days, rows=200 if days > 1 else 40, now=now)
    imported(overdue, days_ago=20, now=now)
    return healthy, overdue, dropped


@pytest.mark.parametrize("role", [Role.DATA_OFFICER, Role.IG_OFFICER, Role.TASKFORCE])
def test_the_health_page_shows_each_feed_and_its_problems(client, feeds, role, django_assert_max_num_queries):
    signed_in(client, role)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("stewardship:health")).content.decode()
    assert "2 problems with the feeds" in html
    assert "Health is overdue: last imported 20 days ago; it arrives every 7 days." in html
    assert "the latest import had 40 rows, against a usual 200." in html
    assert html.count("govuk-tag--green") == 1


def test_a_feed_page_charts_the_last_90_days_with_the_data_as_tables(client, feeds):
    healthy, _, _ = feeds
    signed_in(client, Role.DATA_OFFICER)
    html = client.get(reverse("stewardship:health_feed", args=[healthy.code])).content.decode()
    for title in (
        "Rows per import",
        "Reject rate",
        "Share linked with certainty",
        "Share queued for review",
    ):
        assert f"{title}: the data" in html
    # Nothing of this feed has waited for review: words, not a flat line at 0.
    assert "No row has waited for review in the last 90 days." in html
    assert html.count("<svg") == 4
    assert ">5%</td>" in html, "10 of 200 queued"
    assert ">1%</td>" in html, "2 of 200 rejected"


def test_an_unknown_or_hostile_feed_code_is_404(client, feeds):
    signed_in(client, Role.DATA_OFFICER)
    for code in ("nope", "x" * 500):
        assert client.get(f"/feed-health/{code}/").status_code == 404
    assert client.get("/feed-health/police%00incidents/").status_code == 400


def test_the_data_officers_home_page_shows_feed_problems(client, feeds):
    signed_in(client, Role.DATA_OFFICER)
    html = client.get(reverse("home")).content.decode()
    assert "2 problems with the feeds" in html
    assert f'href="/feed-health/{Feed.Code.HEALTH}/"' in html


def test_ig_sets_a_hold_on_a_person_which_is_logged_and_lists_it(client, db):
    ig = signed_in(client, Role.IG_OFFICER)
    child = PersonFactory(upn=valid_upn(7), forename="Walkabout", surname="Childname")
    until = timezone.localdate() + timedelta(days=90)
    response = client.post(
        reverse("stewardship:hold_new"),
        {
            "covers": "person",
            "identifier": child.upn.lower(),
            "reason": "Civil claim",
            "ends_on": until.isoformat(),
        },
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.person, hold.set_by, hold.ends_on) == (child, ig, until)
    assert ChangeLogEntry.objects.filter(object_pk=str(hold.pk), actor=ig).exists()
    assert AccessLogEntry.objects.filter(actor=ig, detail__legal_hold=hold.pk).exists()
    html = client.get(reverse("stewardship:retention")).content.decode()
    assert "Walkabout" in html
    assert "Civil claim" in html


def test_a_hold_on_a_person_that_cannot_be_logged_is_not_set(client, db, monkeypatch):
    """Fail-closed: setting a hold acts on the child's record, so it stands only with its
    access-log entry."""
    ig = signed_in(client, Role.IG_OFFICER)
    child = PersonFactory(upn=valid_upn(8))

    def refuse(**kwargs):
        raise RuntimeError("the access log cannot be written")

    monkeypatch.setattr("stewardship.views.retention.log_access", refuse)
    data = {"covers": "person", "identifier": child.upn, "reason": "Civil claim"}
    data["ends_on"] = (timezone.localdate() + timedelta(days=90)).isoformat()
    with pytest.raises(RuntimeError):
        client.post(reverse("stewardship:hold_new"), data)
    assert not LegalHold.objects.exists()
    assert not ChangeLogEntry.objects.filter(actor=ig).exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"covers": "person", "identifier": "Z999"},
            "No young person the portal holds has this UPN, NHS number or local person id: "
            "check it against the record.",
        ),
        ({"covers": "family", "family_id": "NBH404"}, "No family the portal holds has this id"),
        ({"covers": "feed"}, "Choose the feed."),
        (
            {"covers": "person", "identifier": "x" * 5000},
            "Enter the young person&#x27;s UPN, NHS number or local person id in 64 characters or fewer",
        ),
        ({"covers": "family", "family_id": "x" * 65}, "Enter family id in 64 characters or fewer"),
    ],
)
def test_a_hold_form_with_bad_input_says_why_and_sets_nothing(client, db, data, error):
    signed_in(client, Role.IG_OFFICER)
    until = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(reverse("stewardship:hold_new"), {"reason": "Claim", "ends_on": until, **data})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not LegalHold.objects.exists()


@pytest.mark.parametrize("identifier", ["943 476 5919", "NB0000042"])
def test_a_hold_reaches_a_young_person_with_no_upn_by_nhs_number_or_local_id(client, db, identifier):
    """Young people out of school (excluded, or past 16) come from police and health feeds
    with no UPN; a claim about them must be holdable too."""
    signed_in(client, Role.IG_OFFICER)
    child = PersonFactory(upn=None, nhs_number="9434765919", local_person_id="NB0000042")
    PersonFactory(upn=None, nhs_number=None, local_person_id="NB0000043")
    until = (timezone.localdate() + timedelta(days=30)).isoformat()
    data = {"covers": "person", "identifier": identifier, "reason": "Claim", "ends_on": until}
    assert client.post(reverse("stewardship:hold_new"), data).status_code == 302
    assert LegalHold.objects.get().person == child


def test_a_hold_form_with_a_nul_byte_is_refused_by_the_input_guard(client, db):
    signed_in(client, Role.IG_OFFICER)
    data = {"reason": "Claim", "covers": "family", "family_id": "F\x00"}
    assert client.post(reverse("stewardship:hold_new"), data).status_code == 400
    assert not LegalHold.objects.exists()


def test_a_hold_ending_in_the_past_is_refused(client, db):
    signed_in(client, Role.IG_OFFICER)
    feed = FeedFactory()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    data = {"covers": "feed", "feed": feed.pk, "reason": "Audit", "ends_on": yesterday}
    html = client.post(reverse("stewardship:hold_new"), data).content.decode()
    assert "The end date must be today or later." in html
    assert not LegalHold.objects.exists()


def test_ig_releases_a_hold_and_reads_a_retention_report(client, db):
    ig = signed_in(client, Role.IG_OFFICER)
    hold = LegalHold.objects.create(
        feed=FeedFactory(), reason="Audit", ends_on=timezone.localdate(), set_by=ig
    )
    assert client.post(reverse("stewardship:hold_release", args=[hold.pk])).status_code == 302
    hold.refresh_from_db()
    assert (hold.released_by, hold.released_at is not None) == (ig, True)
    run = apply_retention(by=None, dry_run=True)
    html = client.get(reverse("stewardship:retention_run", args=[run.pk])).content.decode()
    assert f"Retention run {run.pk} (dry run: nothing was changed)" in html
    assert client.get(reverse("stewardship:retention_run", args=[2**40])).status_code == 404
    assert client.post(reverse("stewardship:hold_release", args=[2**40])).status_code == 404
