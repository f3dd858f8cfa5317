"""The review queue shows an unknown pupil's register marks as one row per UPN, decided
in one step, and filters by feed, reason and age."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from chronology.models import AttendanceMark, LinkReview
from tests.chronology.conftest import UPN1, UPN2, UPN3
from tests.factories import PersonFactory, valid_upn
from tests.factories.access import user_with_role

HEADER = "source_record_id,urn,upn,date,session,code\n"
DAYS = ("2025-03-03", "2025-03-04", "2025-03-05")


def register(upn: str, days: tuple[str, ...], prefix: str) -> str:
    return "".join(f"{prefix}{d}{s},100001,{upn},{d},{s},/\n" for d in days for s in ("AM", "PM"))


@pytest.fixture
def queue(school, run_import):
    """Six queued marks of UPN1, two of UPN2 (nobody holds either), and a police row
    that nearly matches Ada."""
    PersonFactory(
        upn=valid_upn(50), forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode="NB1 2AB"
    )
    run_import("attendance", HEADER + register(UPN1, DAYS, "A") + register(UPN2, DAYS[:1], "B"))
    run_import(
        "police_incidents",
        "source_record_id,forename,surname,date_of_birth,postcode,occurred_at,role,offence_group,summary\n"
        "P1,Ada,Lovelase,2012-03-04,NB1 2AB,2025-03-14T16:30,arrested,robbery,\n",
    )
    assert LinkReview.objects.filter(status="open").count() == 9


@pytest.fixture
def officer_client(client):
    client.force_login(user_with_role(Role.DATA_OFFICER))
    return client


def test_an_unknown_pupils_marks_are_one_row_per_upn(queue, officer_client, django_assert_max_num_queries):
    """14: the grouped queue's queries, one for the reported doubtful links beside it, and
    its access-log entry (naming nobody here)."""
    with django_assert_max_num_queries(14):
        html = officer_client.get(reverse("chronology:review_queue")).content.decode()
    assert "3 decisions waiting" in html
    assert f"Attendance: UPN {UPN1}" in html
    assert "6 register marks, 3 Mar 2025 to 5 Mar 2025; one decision settles them all" in html
    assert "2 register marks, 3 Mar 2025; one decision settles them all" in html
    assert "Police incidents P1" in html


def test_the_queue_filters_by_feed_reason_and_age(queue, officer_client):
    url = reverse("chronology:review_queue")
    assert (
        "2 decisions waiting (filtered)" in officer_client.get(url, {"feed": "attendance"}).content.decode()
    )
    html = officer_client.get(url, {"reason": "possible_match"}).content.decode()
    assert "1 decision waiting (filtered)" in html
    assert "Police incidents P1" in html
    assert "No rows waiting match these filters." in officer_client.get(url, {"age": "7"}).content.decode()
    LinkReview.objects.filter(source_record__values__upn=UPN2).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    html = officer_client.get(url, {"age": "7", "feed": "attendance"}).content.decode()
    assert "1 decision waiting (filtered)" in html
    assert f"UPN {UPN2}" in html
    html = officer_client.get(url, {"feed": "nonsense", "age": "-1", "reason": "x" * 500}).content.decode()
    assert "3 decisions waiting" in html, "an unknown filter is not applied"
    assert officer_client.get(url, {"feed": "nonsense\x00"}).status_code == 400


def test_linking_the_upn_row_settles_every_mark_of_the_upn(queue, officer_client):
    pupil = PersonFactory(upn=UPN3, forename="Grace", surname="Hopper")
    review = LinkReview.objects.filter(source_record__values__upn=UPN1).order_by("id").first()
    url = reverse("chronology:review", args=[review.pk])
    assert (
        "This decision settles all 6 queued register marks of UPN" in officer_client.get(url).content.decode()
    )
    officer_client.post(url, {"identifier": UPN3, "find": "1"})
    response = officer_client.post(url, {"action": "linked", "person": pupil.pk, "note": "new UPN"})
    assert response.status_code == 302
    assert AttendanceMark.objects.filter(person=pupil).count() == 6
    assert not LinkReview.objects.filter(status="open", source_record__values__upn=UPN1).exists()


def test_rejecting_the_upn_row_rejects_every_mark_of_the_upn(queue, officer_client):
    review = LinkReview.objects.filter(source_record__values__upn=UPN2).order_by("id").first()
    url = reverse("chronology:review", args=[review.pk])
    assert officer_client.post(url, {"action": "rejected", "note": "not our pupil"}).status_code == 302
    rejected = LinkReview.objects.filter(source_record__values__upn=UPN2)
    assert set(rejected.values_list("status", flat=True)) == {"rejected"}
    assert {r.note for r in rejected} == {
        "not our pupil",
        f"Same UPN as the row rejected in review {review.pk}: not our pupil",
    }
    assert LinkReview.objects.filter(status="open").count() == 7
