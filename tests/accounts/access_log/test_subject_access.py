""" "Who has seen this child" answers a subject access request with only what concerns
the child, and IG's pages name pages in words (issue 21, findings 2 and 7)."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.subject_access import HEADER, subject_access_path
from tests.csv_download import csv_rows
from tests.factories import AccessLogEntryFactory, BreakGlassFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ig_client():
    client = Client()
    client.force_login(UserFactory(role=Role.IG_OFFICER))
    return client


def _export(client: Client, person) -> list[dict[str, str]]:
    response = client.get(reverse("access_log:person_history_csv", args=[person.pk]))
    assert response.status_code == 200
    header, *rows = csv_rows(response)
    assert header == HEADER
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_export_holds_no_other_childs_search_terms_record_ids_or_break_glass_reasons(ig_client):
    child, other = PersonFactory(surname="Quill"), PersonFactory(surname="Zephyr", upn="A801200024001")
    seer = UserFactory(role=Role.TASKFORCE)
    AccessLogEntryFactory(
        actor=seer,
        persons=[child, other],
        route="young_person_list",
        path="/young-people/?q=Zephyr+A801200024001",
    )
    grant = BreakGlassFactory(user=seer, person=other, reason="Worried about Zephyr's exploitation")
    AccessLogEntryFactory(
        actor=seer, persons=[other, child], break_glass=grant, path=f"/young-people/{other.pk}/"
    )
    own = BreakGlassFactory(user=seer, person=child, reason="Quill missing overnight")
    AccessLogEntryFactory(actor=seer, persons=[child], break_glass=own, path=f"/young-people/{child.pk}/")

    rows = _export(ig_client, child)

    text = repr(rows)
    for disclosed in ("Zephyr", "A801200024001", f"/{other.pk}/"):
        assert disclosed not in text
    own_view, sibling_view, search = rows[1:]
    assert search["Path"] == "/young-people/ (a search)"
    assert search["Page"] == "A list or search of young people"
    assert search["Route"] == "young_person_list"
    assert sibling_view["Path"] == "/young-people/{id}/"
    assert sibling_view["Break-glass reason"] == "(break-glass into another record)"
    assert own_view["Path"] == f"/young-people/{child.pk}/"
    assert own_view["Break-glass reason"] == "Quill missing overnight"
    assert own_view["Page"] == "A young person's record"


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("/young-people/?page=3", "/young-people/"),
        ("/access-log/people/?name=Zephyr&page=2", "/access-log/people/ (a search)"),
        # Where a list of the log stopped is no search (accounts/views/ig_paging.py).
        ("/access-log/people/7/?page=2&until=4812", "/access-log/people/7/"),
        ("/access-log/people/7/export.csv?until=4812", "/access-log/people/7/export.csv"),
        ("/access-log/people/7/export.csv", "/access-log/people/7/export.csv"),
        ("/access-log/people/8/export.csv", "/access-log/people/{id}/export.csv"),
        ("/review-queue/17/", "/review-queue/{id}/"),
    ],
)
def test_paths_keep_only_the_persons_own_id_and_no_query(path, kept):
    assert subject_access_path(path, 7) == kept


def test_igs_pages_name_pages_in_words_not_route_names(ig_client):
    child = PersonFactory()
    AccessLogEntryFactory(persons=[child], route="young_person_detail", path=f"/young-people/{child.pk}/")
    AccessLogEntryFactory(persons=[child], route="access_log:people", path="/access-log/people/?name=x")

    body = ig_client.get(reverse("access_log:person_history", args=[child.pk])).content.decode()

    assert "A young person&#x27;s record" in body
    assert "A search for a young person in the access log" in body
    assert "young_person_detail" not in body
    assert "access_log:people" not in body
