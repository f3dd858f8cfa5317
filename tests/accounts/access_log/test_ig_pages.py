"""IG's access-log pages: who may open them, what searches return, exports and anomalies."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.subject_access import HEADER
from tests.accounts.access_log.ig import client_for, local
from tests.csv_download import csv_rows
from tests.factories import (
    AccessLogEntryFactory,
    BreakGlassFactory,
    EnrolmentFactory,
    PersonFactory,
    SchoolFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

IG_PAGES = [
    ("access_log:index", {}),
    ("access_log:entries", {}),
    ("access_log:people", {}),
    ("access_log:person_history", {"person_id": 1}),
    ("access_log:person_history_csv", {"person_id": 1}),
    ("access_log:user_history", {"user_id": 1}),
    ("access_log:anomalies", {}),
    ("access_log:anomaly_review", {"key": "denied:1"}),
]


@pytest.mark.parametrize("role", [r for r in Role if r != Role.IG_OFFICER])
@pytest.mark.parametrize(("name", "kwargs"), IG_PAGES)
def test_other_roles_cannot_reach_the_ig_pages(role, name, kwargs):
    response = client_for(UserFactory(role=role)).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in():
    response = Client().get(reverse("access_log:entries"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_administrators_cannot_browse_log_entries_in_the_django_admin():
    admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    response = client_for(admin).get("/admin/accounts/changelogentry/")
    assert response.status_code == 404


def test_only_ig_officers_get_the_access_log_link(ig_client):
    assert b'href="/access-log/"' in ig_client.get(reverse("home")).content
    other = client_for(UserFactory(role=Role.ADMINISTRATOR))
    assert b'href="/access-log/"' not in other.get(reverse("home")).content


def test_search_by_user_young_person_school_date_and_kind(ig_client, ig):
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school, person__surname="Quill").person
    elsewhere = PersonFactory(surname="Other")
    dsl = UserFactory(role=Role.DSL, email="dsl.one@example.org")
    officer = UserFactory(role=Role.TASKFORCE, email="officer@example.org")
    wanted = AccessLogEntryFactory(actor=dsl, persons=[pupil], at=local(10, days_ago=3))
    AccessLogEntryFactory(actor=officer, persons=[elsewhere], at=local(10, days_ago=3))
    AccessLogEntryFactory(actor=dsl, persons=[elsewhere], kind="list", at=local(10, days_ago=20))

    def found(**params) -> set[int]:
        response = ig_client.get(reverse("access_log:entries"), params)
        assert response.status_code == 200
        # IG's own searches name the children they showed, so they are in the log too.
        return {e.pk for e in response.context["page"] if e.actor != ig}

    day = wanted.at.date().isoformat()
    assert found(user="dsl.one") == {
        wanted.pk,
        *AccessLogEntry.objects.filter(kind="list").values_list("pk", flat=True),
    }
    assert found(person="Quill") == {wanted.pk}
    assert found(person=pupil.upn) == {wanted.pk}
    assert found(school=school.pk) == {wanted.pk}
    assert found(user="dsl.one", date_from=day, date_to=day) == {wanted.pk}
    assert found(user="dsl.one", kind="view") == {wanted.pk}


def test_an_ig_search_is_itself_logged_naming_the_children_shown(ig_client, ig):
    pupil = PersonFactory(surname="Quill")
    AccessLogEntryFactory(persons=[pupil])
    ig_client.get(reverse("access_log:entries"), {"person": "Quill"})
    entry = AccessLogEntry.objects.filter(actor=ig).get()
    assert entry.kind == "search"
    assert list(entry.subjects.values_list("person_id", flat=True)) == [pupil.pk]
    assert entry.detail["filters"] == {"person": "Quill"}


def test_an_entry_naming_a_whole_class_shows_five_names_and_counts_the_rest(ig_client, ig):
    pupils = [PersonFactory(surname=f"Quill{n}", forename="Kit") for n in range(7)]
    AccessLogEntryFactory(persons=pupils)
    page = ig_client.get(reverse("access_log:entries"), {"person": "Quill"}).content.decode()
    assert [p.surname in page for p in pupils] == [True] * 5 + [False] * 2
    assert "and 2 more" in page
    shown = AccessLogEntry.objects.filter(actor=ig).get().subjects.values_list("person_id", flat=True)
    assert sorted(shown) == sorted(p.pk for p in pupils[:5])


def test_find_a_young_person_by_identity_then_see_who_has_seen_them(ig_client, ig):
    child = PersonFactory(forename="Ada", surname="Quill")
    PersonFactory(forename="Ada", surname="Other")
    seer = UserFactory(role=Role.DSL, display_name="Dee Ess")
    AccessLogEntryFactory(actor=seer, persons=[child])
    AccessLogEntryFactory(persons=[PersonFactory()])

    response = ig_client.get(reverse("access_log:people"), {"name": "ada quill"})
    assert list(response.context["matches"]) == [child]

    response = ig_client.get(reverse("access_log:person_history", args=[child.pk]))
    assert response.status_code == 200
    assert [(e.actor, e.kind) for e in response.context["page"]] == [(ig, "search"), (seer, "view")]
    body = response.content.decode()
    assert f'href="{reverse("access_log:user_history", args=[seer.pk])}">Dee Ess</a>' in body
    assert f'href="{reverse("access_log:user_history", args=[ig.pk])}">Iris Governance</a>' in body


def test_person_lookup_needs_a_criterion(ig_client):
    response = ig_client.get(reverse("access_log:people"), {"name": ""})
    assert response.status_code == 200
    assert b"Enter a name, a UPN or a date of birth" in response.content


def test_who_has_seen_this_child_exports_as_csv_with_formulas_neutralised(ig_client, ig):
    child = PersonFactory()
    seer = UserFactory(role=Role.TASKFORCE, display_name='=HYPERLINK("http://x")')
    grant = BreakGlassFactory(user=seer, person=child, reason="+call police")
    AccessLogEntryFactory(actor=seer, persons=[child], break_glass=grant)

    response = ig_client.get(reverse("access_log:person_history_csv", args=[child.pk]))
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = csv_rows(response)
    assert header[:2] == ["When", "Who"]
    # Newest first: the export itself, then the break-glass view.
    assert [row[2] for row in rows] == [ig.email, seer.email]
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert rows[1][HEADER.index("Break-glass reason")] == "'+call police"
    export = AccessLogEntry.objects.get(kind="export")
    assert list(export.subjects.values_list("person_id", flat=True)) == [child.pk]


def test_a_users_access_history(ig_client):
    user = UserFactory(role=Role.DSL)
    mine = AccessLogEntryFactory(actor=user, persons=[PersonFactory()])
    AccessLogEntryFactory(persons=[PersonFactory()])
    response = ig_client.get(reverse("access_log:user_history", args=[user.pk]))
    assert [e.pk for e in response.context["page"]] == [mine.pk]


def test_list_pages_do_not_grow_queries_with_their_length(ig_client, django_assert_max_num_queries):
    user = UserFactory(role=Role.DSL)
    for _ in range(30):
        AccessLogEntryFactory(actor=user, persons=PersonFactory.create_batch(2))
    with django_assert_max_num_queries(20):
        ig_client.get(reverse("access_log:user_history", args=[user.pk]))
    with django_assert_max_num_queries(20):
        ig_client.get(reverse("access_log:entries"), {"kind": "view"})


def test_who_has_seen_this_child_pages_through_every_entry(ig_client, monkeypatch):
    monkeypatch.setattr("accounts.views.ig_log.PER_PAGE", 2)
    child = PersonFactory()
    for _ in range(3):
        AccessLogEntryFactory(persons=[child, PersonFactory()])
    url = reverse("access_log:person_history", args=[child.pk])

    first = ig_client.get(url)
    second = ig_client.get(url, {"page": 2})

    assert first.context["page"].paginator.count == 3
    assert len(first.context["page"]) == 2
    # IG's own first look is now the newest entry naming the child.
    assert second.context["page"].paginator.count == 4
    assert len(second.context["page"]) == 2


def test_a_search_with_more_entries_than_it_counts_says_so(ig_client, monkeypatch):
    monkeypatch.setattr("accounts.views.ig_log.SEARCH_COUNT_CAP", 3)
    for _ in range(5):
        AccessLogEntryFactory(persons=[PersonFactory()])

    response = ig_client.get(reverse("access_log:entries"), {"kind": "view"})

    assert response.context["page"].paginator.count == 3
    assert b"More than 3 entries, newest first: narrow the search" in response.content


def test_a_users_history_names_their_job_and_role_once_when_they_are_the_same(ig_client):
    """The demo read "taskforce@..., SAFE taskforce officer (SAFE taskforce officer)"."""
    officer = UserFactory(role=Role.TASKFORCE, job_title="SAFE taskforce officer")

    html = ig_client.get(reverse("access_log:user_history", args=[officer.pk])).content.decode()

    assert f"{officer.email}, SAFE taskforce officer</p>" in html
    assert "(SAFE taskforce officer)" not in html
