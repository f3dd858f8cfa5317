"""The referral endpoints' list, detail, making and changing a draft: the referral pages'
rules from the same selectors and services, every role's answer, and each response logged
naming the young person. The transitions are in test_referral_actions_api."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import AccessLogEntry, ChangeLogEntry
from accounts.roles import Role
from interventions.models import Referral, ReferralStatus
from interventions.trigger_points import trigger_points_for_referrer
from tests.api.conftest import client_for
from tests.api.referrals import LIST, OTHER_ROLES, body, entries, named, url
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import make_referral
from tests.factories.risk import FlagFactory

pytestmark = pytest.mark.django_db
Kind = AccessLogEntry.Kind


def test_every_role_gets_the_list_the_pages_give_it(school_world):
    school, pupil, dsl, head = school_world
    sent = make_referral(person=pupil, by=dsl)
    draft = make_referral(person=pupil, by=dsl, status=ReferralStatus.DRAFT)
    elsewhere = make_referral()
    officer = user_with_role(Role.TASKFORCE)
    other_head = school_staff(Role.HEAD_TEACHER, SchoolFactory())

    def ids(user) -> set[int]:
        return {r["id"] for r in client_for(user).get(LIST).json()["results"]}

    assert ids(dsl) == {sent.pk, draft.pk}
    assert ids(head) == {sent.pk}  # the school's sent referrals, not a colleague's draft
    assert ids(officer) == {sent.pk, elsewhere.pk}  # every sent referral, no one's draft
    assert ids(other_head) == set()
    for role in OTHER_ROLES:
        assert client_for(user_with_role(role)).get(LIST).status_code == 403
    no_role = APIClient()
    no_role.force_login(user_with_role(None))  # no role, so no token: signed in on the pages
    assert no_role.get(LIST).status_code == 403
    assert client_for(dsl).get(url(sent)).status_code == 200
    assert client_for(other_head).get(url(sent)).status_code == 404
    assert client_for(user_with_role(Role.INTERVENTION_WORKER)).get(url(sent)).status_code == 403


def test_the_list_names_everyone_on_its_page_in_one_entry_and_filters_narrow_it(school_world):
    school, pupil, dsl, head = school_world
    urgent = make_referral(person=pupil, by=dsl, urgency="urgent")
    other_pupil = EnrolmentFactory(school=school).person
    make_referral(person=other_pupil, by=dsl, urgency="routine")
    client = client_for(dsl)

    page = client.get(LIST, {"page_size": 1}).json()
    assert page["count"] == 2
    assert len(page["results"]) == 1
    [entry] = entries(dsl)
    assert (entry.kind, named(entry)) == (Kind.LIST, {page["results"][0]["young_person"]["id"]})

    assert [r["id"] for r in client.get(LIST, {"urgency": "urgent"}).json()["results"]] == [urgent.pk]
    assert client.get(LIST, {"status": "accepted"}).json()["count"] == 0
    assert client.get(LIST, {"school": school.pk}).json()["count"] == 2
    assert client.get(LIST, {"young_person": other_pupil.pk}).json()["count"] == 1
    refused = client.get(LIST, {"school": SchoolFactory().pk, "status": "nonsense"})
    assert refused.status_code == 400
    assert {"school", "status"} <= set(refused.json()["errors"])


def test_the_list_costs_the_same_queries_for_two_referrals_or_eight():
    officer = user_with_role(Role.TASKFORCE)
    client = client_for(officer)
    for _ in range(2):
        make_referral()
    client.get(LIST)
    with CaptureQueriesContext(connection) as two:
        assert client.get(LIST).json()["count"] == 2
    for _ in range(6):
        make_referral()
    with CaptureQueriesContext(connection) as eight:
        assert client.get(LIST).json()["count"] == 8
    assert len(eight) == len(two)


def test_one_referral_shows_its_history_and_is_logged_naming_the_young_person(school_world):
    _, pupil, dsl, head = school_world
    referral = make_referral(person=pupil, by=dsl, status=ReferralStatus.DECLINED)
    got = client_for(head).get(url(referral)).json()
    assert got["status"] == "declined"
    assert got["decision_reason"] == "Already supported by CAMHS"
    assert [h["action"] for h in got["history"]] == ["created", "sent", "declined"]
    assert got["young_person"]["id"] == pupil.pk
    [entry] = entries(head)
    assert (entry.kind, named(entry), entry.detail["api"]["auth"]) == (Kind.VIEW, {pupil.pk}, "token")


def test_a_referral_out_of_scope_or_missing_is_404_and_logged_as_refused(school_world):
    _, pupil, dsl, _ = school_world
    referral = make_referral(person=pupil, by=dsl)
    stranger = school_staff(Role.DSL, SchoolFactory())
    response = client_for(stranger).get(url(referral))
    assert response.status_code == 404
    assert response.json() == {"detail": "No referral found."}
    [entry] = entries(stranger)
    assert (entry.kind, named(entry)) == (Kind.DENIED, {pupil.pk})
    assert client_for(stranger).get(f"{LIST}999999999/").status_code == 404
    assert client_for(stranger).get(f"{LIST}99999999999999999999999/").status_code == 404


def test_a_dsl_sends_a_referral_as_the_form_does_with_the_same_checks(school_world):
    _, pupil, dsl, _ = school_world
    client = client_for(dsl)
    response = client.post(LIST, {**body(), "young_person": pupil.pk, "send": True}, format="json")
    assert response.status_code == 201, response.json()
    referral = Referral.objects.get()
    assert response["Location"].endswith(url(referral))
    assert (referral.status, referral.referred_by, referral.school_id) == (
        ReferralStatus.SENT,
        dsl,
        pupil.enrolments.get().school_id,
    )
    assert [e.action for e in referral.entries.all()] == ["created", "sent"]
    assert ChangeLogEntry.objects.filter(content_type__model="referral", actor=dsl).exists()
    [entry] = entries(dsl)
    assert (entry.kind, named(entry)) == (Kind.VIEW, {pupil.pk})

    without_who = client.post(LIST, {**body(consent_given_by=""), "young_person": pupil.pk}, format="json")
    assert without_who.status_code == 400
    assert without_who.json()["errors"] == {"consent_given_by": ["Enter who gave consent"]}
    not_sought = body(consent_basis="not_sought", consent_given_by="")
    refused = client.post(LIST, {**not_sought, "young_person": pupil.pk}, format="json")
    assert refused.json()["errors"] == {
        "consent_explanation": ["Enter why seeking consent would put the child at risk"]
    }
    assert Referral.objects.count() == 1


def test_only_referrers_may_refer_and_only_young_people_they_may_open(school_world):
    _, pupil, dsl, head = school_world
    other_school_pupil = EnrolmentFactory().person
    payload = {**body(), "young_person": other_school_pupil.pk}
    assert client_for(dsl).post(LIST, payload, format="json").status_code == 404
    assert entries(dsl)[-1].kind == Kind.DENIED
    for role in OTHER_ROLES:
        response = client_for(user_with_role(role)).post(
            LIST, {**body(), "young_person": pupil.pk}, format="json"
        )
        assert response.status_code == 403
    assert client_for(head).post(LIST, {**body(), "young_person": pupil.pk}, format="json").status_code == 201
    assert Referral.objects.count() == 1


def test_trigger_points_default_to_the_current_ones_and_must_be_among_them(school_world):
    _, pupil, dsl, _ = school_world
    FlagFactory(person=pupil)
    current = trigger_points_for_referrer(dsl, pupil.pk)
    assert current
    client = client_for(dsl)
    made = client.post(LIST, {**body(), "young_person": pupil.pk}, format="json").json()
    assert made["trigger_points"] == current
    none = client.post(LIST, {**body(), "young_person": pupil.pk, "trigger_points": []}, format="json")
    assert none.json()["trigger_points"] == []
    unknown = client.post(
        LIST, {**body(), "young_person": pupil.pk, "trigger_points": ["Made up"]}, format="json"
    )
    assert unknown.status_code == 400
    assert "trigger_points" in unknown.json()["errors"]


def test_a_draft_is_changed_then_sent_and_after_that_only_added_to(school_world):
    _, pupil, dsl, _ = school_world
    client = client_for(dsl)
    draft = client.post(LIST, {**body(), "young_person": pupil.pk}, format="json").json()
    assert draft["status"] == "draft"
    changed = client.put(
        f"{LIST}{draft['id']}/",
        {**body(reason="Now also truanting"), "version": draft["version"]},
        format="json",
    )
    assert changed.status_code == 200
    assert changed.json()["reason"] == "Now also truanting"
    stale = client.post(f"{LIST}{draft['id']}/send/", {"version": draft["version"]}, format="json")
    assert stale.status_code == 409
    assert "You have already changed this referral" in stale.json()["detail"]
    sent = client.post(f"{LIST}{draft['id']}/send/", {"version": changed.json()["version"]}, format="json")
    assert sent.json()["status"] == "sent"
    edit = client.put(f"{LIST}{draft['id']}/", {**body(), "version": sent.json()["version"]}, format="json")
    assert edit.status_code == 409
    assert "cannot be changed" in edit.json()["detail"]
    again = client.post(f"{LIST}{draft['id']}/send/", {"version": sent.json()["version"]}, format="json")
    assert (again.status_code, again.json()["detail"]) == (409, "This referral has already been sent.")


@pytest.mark.parametrize(
    "payload",
    [
        "{not json",
        json.dumps({"young_person": 10**30}),
        json.dumps({"young_person": -1}),
        json.dumps({"young_person": "1\x00"}),
        json.dumps({**body(reason="x" * 10_001), "young_person": 1}),
        json.dumps({**body(trigger_points="not a list"), "young_person": 1}),
        json.dumps([1, 2, 3]),
        json.dumps({**body(reason="bad\x00byte"), "young_person": 1}),
    ],
)
def test_hostile_bodies_are_400_never_500(school_world, payload):
    _, pupil, dsl, _ = school_world
    client = client_for(dsl)
    response = client.generic("POST", LIST, payload, content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_draft_read_through_break_glass_is_logged_with_it():
    """An officer's own draft about a young person outside the caseload is seen only
    through break-glass, so reading it is one of IG's break-glass views."""
    from accounts.services.break_glass import break_glass_open

    officer = user_with_role(Role.TASKFORCE)
    person = EnrolmentFactory().person
    glass = break_glass_open(by=officer, person=person, reason="Police report tonight: urgent welfare check")
    draft = make_referral(status=ReferralStatus.DRAFT, person=person, by=officer)

    assert client_for(officer).get(url(draft)).status_code == 200
    assert AccessLogEntry.objects.filter(actor=officer).latest("id").break_glass == glass
