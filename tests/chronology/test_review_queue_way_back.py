"""The data officer's review queue, narrowed to one feed, led to a row whose back link
and whose decision both returned to the whole queue: the officer working through one
feed's rows had to filter again after each. The row's page carries the queue's filters
and page (`way_back=`), checked again on arrival, so it returns to the queue as it was
left and never anywhere a hand-made address names."""

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Feed, LinkDoubt, LinkReview
from tests.chronology.conftest import UPN1, UPN2
from tests.factories import FeedFactory, PersonFactory, SourceRecordFactory
from tests.factories.access import user_with_role
from tests.way_back_html import back_link, link_to

QUEUE = reverse("chronology:review_queue")
POLICE = (
    "source_record_id,forename,surname,date_of_birth,postcode,occurred_at,role,offence_group,summary\n"
    "P1,Ada,Lovelase,2012-03-04,NB1 2AB,2025-03-14T16:30,arrested,robbery,\n"
    "P2,Bea,Nobbody,2011-05-06,NB2 3AB,2025-03-15T10:00,witness,robbery,\n"
)
MARKS = "source_record_id,urn,upn,date,session,code\n" + "".join(
    f"M{n}{s},100001,{upn},2025-03-03,{s},/\n" for n, upn in enumerate((UPN1, UPN2)) for s in ("AM", "PM")
)


@pytest.fixture
def queue(school, run_import):
    """Two police rows that nearly match someone and two unknown pupils' register marks,
    all waiting."""
    PersonFactory(forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode="NB1 2AB")
    PersonFactory(forename="Bea", surname="Nobody", date_of_birth="2011-05-06", postcode="NB2 3AB")
    run_import("attendance", MARKS)
    run_import("police_incidents", POLICE)
    assert LinkReview.objects.filter(source_record__feed__code="police_incidents").count() == 2


@pytest.fixture
def officer_client(client):
    client.force_login(user_with_role(Role.DATA_OFFICER))
    return client


def _police_row(html: str) -> str:
    review = LinkReview.objects.filter(source_record__feed__code="police_incidents").order_by("pk").first()
    return link_to(html, reverse("chronology:review", args=[review.pk]))


def _queue_state(href: str) -> dict:
    address = urlsplit(href)
    assert (address.scheme, address.netloc, address.path) == ("", "", QUEUE)
    return dict(parse_qsl(address.query))


def test_a_row_opened_from_the_filtered_queue_leads_back_to_it_and_the_decision_returns_there(
    queue, officer_client
):
    listing = officer_client.get(QUEUE, {"feed": "police_incidents"}).content.decode()
    row = _police_row(listing)
    page = officer_client.get(row)
    assert page.status_code == 200
    href, label = back_link(page.content.decode())
    assert (_queue_state(href), label) == ({"feed": "police_incidents"}, "Back to the review queue")

    decided = officer_client.post(row, {"action": "rejected", "note": "Not one of ours"})

    assert decided.status_code == 302
    assert _queue_state(decided.url) == {"feed": "police_incidents"}
    assert "1 decision waiting (filtered)" in officer_client.get(decided.url).content.decode()


def test_the_way_back_keeps_every_filter_and_the_page(queue, officer_client, monkeypatch):
    monkeypatch.setattr("chronology.views.review.PER_PAGE", 1)
    state = {"feed": "police_incidents", "reason": "possible_match", "age": "", "page": "2"}
    listing = officer_client.get(QUEUE, state)
    [row] = listing.context["page"].object_list
    link = link_to(listing.content.decode(), reverse("chronology:review", args=[row.review.pk]))
    href, _ = back_link(officer_client.get(link).content.decode())
    assert _queue_state(href) == {"feed": "police_incidents", "reason": "possible_match", "page": "2"}


def test_a_row_opened_from_the_whole_queue_returns_to_the_whole_queue(queue, officer_client):
    row = _police_row(officer_client.get(QUEUE).content.decode())
    assert back_link(officer_client.get(row).content.decode())[0] == QUEUE
    decided = officer_client.post(row, {"action": "rejected", "note": "Not one of ours"})
    assert decided.url == QUEUE


def test_a_reported_link_opened_from_the_filtered_queue_returns_to_it(queue, officer_client):
    record = SourceRecordFactory(
        feed=FeedFactory(code=Feed.Code.POLICE_INCIDENTS), person=PersonFactory(), link_confidence=0.8
    )
    doubt = LinkDoubt.objects.create(
        source_record=record,
        person=record.person,
        linked_person=record.person,
        reported_by=user_with_role(Role.DSL),
        note="Not our pupil?",
    )
    listing = officer_client.get(QUEUE, {"feed": "police_incidents"}).content.decode()
    link = link_to(listing, reverse("chronology:doubt", args=[doubt.pk]))
    href, _ = back_link(officer_client.get(link).content.decode())
    assert _queue_state(href) == {"feed": "police_incidents"}
    decided = officer_client.post(link, {"decision": "keep", "note": "Same UPN"})
    assert _queue_state(decided.url) == {"feed": "police_incidents"}


HOSTILE = [
    "from=link-review&list=https://evil.example/?page=2",
    "https://evil.example/",
    "//evil.example",
    "from=flagged&list=tier%3Dhigh",
    "from=review-queue&list=page%3D2",
    "from=link-review&list=next%3Dhttps://evil.example",
    "&" * 999,
]


@pytest.mark.parametrize("way_back", HOSTILE)
def test_a_hand_made_way_back_leads_only_to_the_queue(queue, officer_client, way_back):
    review = LinkReview.objects.filter(source_record__feed__code="police_incidents").first()
    url = reverse("chronology:review", args=[review.pk])
    page = officer_client.get(url, {"way_back": way_back})
    assert page.status_code == 200
    href, _ = back_link(page.content.decode())
    assert set(_queue_state(href)) <= {"feed", "reason", "age", "page"}
    assert "evil" not in href
    assert "next" not in href
    decided = officer_client.post(
        f"{url}?{page.wsgi_request.META['QUERY_STRING']}", {"action": "rejected", "note": "Not ours"}
    )
    assert decided.status_code == 302
    assert "evil" not in decided.url
    assert "next" not in decided.url
    assert set(_queue_state(decided.url)) <= {"feed", "reason", "age", "page"}


@pytest.mark.parametrize(
    "way_back", ["from=link-review\x00", "from=link-review&list=feed%3D" + "x" * 2000, "x" * 10_000]
)
def test_a_nul_or_an_overlong_way_back_is_refused_and_decides_nothing(queue, officer_client, way_back):
    review = LinkReview.objects.filter(source_record__feed__code="police_incidents").first()
    url = reverse("chronology:review", args=[review.pk])
    assert officer_client.get(url, {"way_back": way_back}).status_code == 400
    sent = officer_client.post(
        f"{url}?{urlencode({'way_back': way_back})}", {"action": "rejected", "note": "x"}
    )
    assert sent.status_code == 400
    review.refresh_from_db()
    assert review.status == LinkReview.Status.OPEN
