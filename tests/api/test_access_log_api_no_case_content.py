"""IG officers review access, never case content. Through the API, as on their pages and
in the subject-access export, an access-log entry names its page in words and never
shows what was searched for or its detail: not the trigger point a DSL listed or
dismissed a child for, not the words they searched a child's chronology for."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Sensitivity
from tests.api.conftest import client_for
from tests.csv_download import csv_rows
from tests.factories import AccessLogEntryFactory, BreakGlassFactory, EnrolmentFactory, PersonFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    enrolment = EnrolmentFactory()
    child = enrolment.person
    flag = FlagFactory(
        person=child,
        sensitivity=Sensitivity.RESTRICTED,
        version__indicator__code="tp13",
        version__name="Police intelligence: exploitation",
    )
    dsl = school_staff(Role.DSL, enrolment.school)
    web = Client()
    web.force_login(dsl)
    return child, flag, web


def _both_endpoints(child) -> list[dict]:
    """Every entry naming the child, from "who has seen this child" and from the search."""
    ig = client_for(user_with_role(Role.IG_OFFICER))
    history = ig.get(f"/api/v1/young-people/{child.pk}/access-log/")
    search = ig.get("/api/v1/access-log/", {"person": child.pk})
    assert history.status_code == search.status_code == 200
    return [*history.json()["results"], *search.json()["results"]]


def test_neither_endpoint_tells_which_trigger_point_a_child_was_listed_or_dismissed_for(world):
    child, flag, web = world
    flagged = reverse("trigger_points:flagged")
    assert web.get(flagged, {"trigger_point": "tp13"}).status_code == 200
    assert web.get(reverse("risk:flag_dismiss", args=[flag.pk])).status_code == 200

    entries = _both_endpoints(child)

    assert "tp13" not in repr(entries)
    assert all("detail" not in entry for entry in entries)
    listed = [e for e in entries if e["route"] == "trigger_points:flagged"]
    assert len(listed) == 2
    assert {(e["page"], e["path"]) for e in listed} == {
        ("A list of flagged young people", f"{flagged} (a search)")
    }
    assert {e["page"] for e in entries if e["route"] == "risk:flag_dismiss"} == {"Dismissing a trigger point"}


def test_neither_endpoint_shows_what_a_dsl_searched_a_childs_chronology_for(world):
    child, _, web = world
    url = reverse("chronology:timeline", args=[child.pk])
    assert web.get(url, {"q": "knife", "category": "police_intelligence"}).status_code == 200

    entries = _both_endpoints(child)

    assert "knife" not in repr(entries)
    assert "police_intelligence" not in repr(entries)
    searched = [e for e in entries if e["route"] == "chronology:timeline"]
    assert [(e["page"], e["path"]) for e in searched] == [
        ("A young person's chronology", f"{url} (a search)")
    ] * 2


def test_who_has_seen_this_child_answers_as_the_subject_access_export_does():
    """The API's history is the export's rows: the same page words, paths and reasons,
    from the same code, so another child's id, search or break-glass reason is in neither."""
    child, sibling = PersonFactory(), PersonFactory(surname="Zephyr", upn="A801200024001")
    seer = user_with_role(Role.TASKFORCE)
    AccessLogEntryFactory(
        actor=seer, persons=[child, sibling], route="young_person_list", path="/young-people/?q=Zephyr"
    )
    into_sibling = BreakGlassFactory(user=seer, person=sibling, reason="Worried about Zephyr tonight")
    AccessLogEntryFactory(
        actor=seer,
        persons=[sibling, child],
        break_glass=into_sibling,
        route="young_person_detail",
        path=f"/young-people/{sibling.pk}/",
    )
    into_child = BreakGlassFactory(user=seer, person=child, reason="Missing overnight, police called")
    AccessLogEntryFactory(
        actor=seer,
        persons=[child],
        break_glass=into_child,
        route="young_person_detail",
        path=f"/young-people/{child.pk}/",
    )
    ig = user_with_role(Role.IG_OFFICER)

    history = client_for(ig).get(f"/api/v1/young-people/{child.pk}/access-log/").json()["results"]
    web = Client()
    web.force_login(ig)
    response = web.get(reverse("access_log:person_history_csv", args=[child.pk]))
    _header, *rows = csv_rows(response)

    from_api = [
        (e["page"], e["path"], e["break_glass_reason"] or "")
        for e in history
        if e["actor_label"] == seer.email
    ]
    from_csv = [(row[4], row[6], row[8]) for row in rows if row[2] == seer.email]
    assert (
        from_api
        == from_csv
        == [
            ("A young person's record", f"/young-people/{child.pk}/", "Missing overnight, police called"),
            ("A young person's record", "/young-people/{id}/", "(break-glass into another record)"),
            ("A list or search of young people", "/young-people/ (a search)", ""),
        ]
    )
    for disclosed in ("Zephyr", "A801200024001", f"/{sibling.pk}/"):
        assert disclosed not in repr(history)

    search = client_for(ig).get("/api/v1/access-log/", {"person": sibling.pk}).json()["results"]
    assert [(e["path"], e["break_glass_reason"]) for e in search] == [
        (f"/young-people/{sibling.pk}/", "Worried about Zephyr tonight"),
        ("/young-people/ (a search)", None),
    ]
