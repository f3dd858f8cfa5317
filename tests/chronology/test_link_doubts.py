"""A DSL or taskforce officer reports a chronology entry's link as doubtful; a data
officer sees the source row in the review queue and keeps the link or splits it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AccessLogEntry, Notification
from accounts.roles import Role
from chronology.models import Event, Feed, LinkDoubt, LinkReview, Sensitivity
from tests.chronology.timeline_world import build_world
from tests.error_summary import assert_error_links_land
from tests.factories import FeedFactory, PersonFactory, SourceRecordFactory
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _caution(world) -> Event:
    return Event.objects.get(summary=world.texts["own_partner"])


def _report_url(world, event) -> str:
    return reverse("chronology:timeline_report", args=[world.pupil.pk, event.pk])


@pytest.mark.parametrize("role", ["dsl", "taskforce"])
def test_a_dsl_or_taskforce_officer_reports_and_a_data_officer_is_told(world, role):
    officer = user_with_role(Role.DATA_OFFICER)
    client = _client(world.users[role])
    page = client.get(reverse("chronology:timeline", args=[world.pupil.pk])).content.decode()
    assert _report_url(world, _caution(world)) in page
    form = client.get(_report_url(world, _caution(world)))
    assert world.texts["own_partner"] in form.content.decode()
    response = client.post(_report_url(world, _caution(world)), {"note": "Different date of birth"})
    assert response.status_code == 302
    doubt = LinkDoubt.objects.get()
    assert (doubt.person, doubt.reported_by, doubt.status) == (world.pupil, world.users[role], "open")
    (told,) = Notification.objects.filter(user=officer, kind="link_doubt")
    assert told.title == f"A row's link was reported as doubtful ({doubt.source_record.feed.name})"


def test_a_relatives_entry_is_reported_as_maybe_not_about_the_relative(world):
    """The row in doubt is linked to the brother, not to the young person whose
    chronology shows it."""
    brothers = Event.objects.get(summary=world.texts["brother_in"])
    client = _client(world.users["dsl"])
    page = client.get(reverse("chronology:timeline", args=[world.pupil.pk])).content.decode()
    link = page[page.index(_report_url(world, brothers)) :]
    # Its visible words end there; visually hidden words name the entry for a links list.
    assert "may not be about this family member<span" in link[: link.index("</a>")]
    form = client.get(_report_url(world, brothers)).content.decode()
    assert "This may not be about this family member" in form
    assert "about this young person" not in form


def test_head_teachers_cannot_report_and_nobody_reports_what_they_cannot_read(world):
    head = _client(world.users["head_teacher"])
    assert head.get(_report_url(world, _caution(world))).status_code == 403
    restricted = Event.objects.get(summary=world.texts["own_restricted"])
    dsl = _client(world.users["dsl"])
    assert dsl.post(_report_url(world, restricted), {"note": "x"}).status_code == 404
    assert not LinkDoubt.objects.exists()
    denied = AccessLogEntry.objects.filter(kind=AccessLogEntry.Kind.DENIED, actor=world.users["dsl"])
    assert denied.count() == 1


def test_an_empty_note_is_refused_with_a_clear_error(world):
    response = _client(world.users["dsl"]).post(_report_url(world, _caution(world)), {"note": "  "})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not LinkDoubt.objects.exists()


def test_the_data_officer_sees_the_row_not_the_chronology_and_splits_it(world):
    _client(world.users["dsl"]).post(_report_url(world, _caution(world)), {"note": "Wrong child, I think"})
    doubt = LinkDoubt.objects.get()
    officer = _client(world.users["data_officer"])
    queue = officer.get(reverse("chronology:review_queue")).content.decode()
    assert reverse("chronology:doubt", args=[doubt.pk]) in queue
    detail = officer.get(reverse("chronology:doubt", args=[doubt.pk])).content.decode()
    assert "Wrong child, I think" in detail
    assert world.pupil.surname in detail
    assert world.texts["own_education"] not in detail
    assert "How it was linked: " in detail
    undecided = officer.post(reverse("chronology:doubt", args=[doubt.pk]), {"note": ""})
    assert_error_links_land(undecided.content.decode(), radios=("decision",))
    response = officer.post(reverse("chronology:doubt", args=[doubt.pk]), {"decision": "split", "note": ""})
    assert response.status_code == 302
    doubt.refresh_from_db()
    assert doubt.status == LinkDoubt.Status.SPLIT
    assert LinkReview.objects.filter(origin=LinkReview.Origin.SPLIT, split_from=world.pupil).count() == 1
    assert not Event.objects.filter(summary=world.texts["own_partner"], person=world.pupil).exists()


def test_the_reports_link_to_the_persons_other_rows_opens(world):
    """The report's page links to every row linked to the person: that page must open
    for the data officer, not refuse them as a person no linkage work leads to."""
    _client(world.users["dsl"]).post(_report_url(world, _caution(world)), {"note": "Wrong child, I think"})
    doubt = LinkDoubt.objects.get()
    officer = _client(world.users["data_officer"])
    rows = reverse("chronology:person_records", args=[world.pupil.pk])
    assert rows in officer.get(reverse("chronology:doubt", args=[doubt.pk])).content.decode()
    assert officer.get(rows).status_code == 200


def test_keeping_the_link_closes_the_report_and_it_cannot_be_decided_twice(world):
    _client(world.users["taskforce"]).post(_report_url(world, _caution(world)), {"note": "Check please"})
    doubt = LinkDoubt.objects.get()
    officer = _client(world.users["data_officer"])
    officer.post(reverse("chronology:doubt", args=[doubt.pk]), {"decision": "keep", "note": "Same UPN"})
    doubt.refresh_from_db()
    assert (doubt.status, doubt.decision_note) == (LinkDoubt.Status.KEPT, "Same UPN")
    again = officer.post(reverse("chronology:doubt", args=[doubt.pk]), {"decision": "split"})
    assert again.status_code == 200
    assert Event.objects.filter(summary=world.texts["own_partner"], person=world.pupil).exists()


def _doubt_reported_by_someone_new(feed) -> None:
    record = SourceRecordFactory(feed=feed, person=PersonFactory(), link_confidence=0.8, link_method="scored")
    LinkDoubt.objects.create(
        source_record=record,
        person=record.person,
        linked_person=record.person,
        reported_by=user_with_role(Role.DSL),
        note="Not our pupil?",
    )


def _queue_queries(officer) -> int:
    with CaptureQueriesContext(connection) as queries:
        html = officer.get(reverse("chronology:review_queue")).content.decode()
    assert "(Designated safeguarding lead)" in html
    return len(queries)


def test_the_queue_lists_reported_links_without_a_query_per_reporter():
    """Each reporter is shown with their role, which is read from their groups: for
    every reporter at once, not once a row."""
    feed = FeedFactory(code=Feed.Code.YOUTH_JUSTICE, default_sensitivity=Sensitivity.PARTNER)
    officer = _client(user_with_role(Role.DATA_OFFICER))
    _doubt_reported_by_someone_new(feed)
    _queue_queries(officer)  # the first request after signing in costs a few more
    one = _queue_queries(officer)
    for _ in range(4):
        _doubt_reported_by_someone_new(feed)
    assert _queue_queries(officer) == one


def test_a_decision_sent_after_a_colleagues_says_so_and_shows_the_note_back(world):
    _client(world.users["taskforce"]).post(_report_url(world, _caution(world)), {"note": "Check please"})
    doubt = LinkDoubt.objects.get()
    url = reverse("chronology:doubt", args=[doubt.pk])
    _client(world.users["data_officer"]).post(url, {"decision": "keep", "note": "Same UPN"})
    late = _client(user_with_role(Role.DATA_OFFICER))

    page = late.post(
        url, {"decision": "split", "note": "DOB differs by a year & the school too"}
    ).content.decode()

    assert "This was decided before your decision arrived, so yours was not recorded." in page
    assert "What you typed (not saved)" in page
    assert "DOB differs by a year &amp; the school too</textarea>" in page
    doubt.refresh_from_db()
    assert doubt.status == LinkDoubt.Status.KEPT


@pytest.mark.parametrize(("decision", "words"), [("split", "split off"), ("keep", "kept")])
def test_everyone_who_reported_the_row_hears_the_decision(world, decision, words):
    """A DSL who reported a police incident as another child's must learn whether it left
    the chronology before the case meeting; nothing told them."""
    for role in ("dsl", "taskforce"):
        _client(world.users[role]).post(_report_url(world, _caution(world)), {"note": f"Not ours ({role})"})
    doubt = LinkDoubt.objects.filter(reported_by=world.users["dsl"]).get()
    officer = world.users["data_officer"]
    _client(officer).post(reverse("chronology:doubt", args=[doubt.pk]), {"decision": decision, "note": ""})

    told = Notification.objects.filter(kind="link_doubt_decided")
    assert sorted(n.user.role.value for n in told) == ["dsl", "taskforce"]
    for notification in told:
        assert words in notification.title
        assert world.pupil.surname not in notification.title + notification.body
        assert notification.person == world.pupil
        assert notification.url == reverse("chronology:timeline", args=[world.pupil.pk])
    page = _client(world.users["dsl"]).get(reverse("notifications:list")).content.decode()
    assert f"A link you reported as doubtful was {words}" in page
