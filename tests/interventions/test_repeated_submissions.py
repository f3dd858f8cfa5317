"""The same form sent twice (a double click, a browser sending it again after Back) or an
API request retried after a timeout: one referral, one addition, one session, and the
same answer each time; something different is still made again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from accounts.roles import Role
from interventions.models import Referral, ReferralEntry, ReferralStatus, Session
from interventions.services.referrals import referral_create
from tests.api.conftest import client_for
from tests.api.referrals import LIST, body, url
from tests.concurrency import at_once
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, details, make_referral, pupil_and_dsl

FORM = {
    "reason": "Persistent absence and seen with older young people",
    "consent_basis": "consent",
    "consent_given_by": "Mother",
    "urgency": "urgent",
    "referrer_contact": "01632 960002",
}


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["send", "save"])
def test_a_referral_form_sent_twice_makes_one_referral(client, action):
    person, dsl = pupil_and_dsl()
    officer = user_with_role(Role.TASKFORCE)
    client.force_login(dsl)
    new = reverse("referrals:new", args=[person.pk])

    first = client.post(new, FORM | {"action": action})
    second = client.post(new, FORM | {"action": action})

    referral = Referral.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == reverse("referrals:detail", args=[referral.pk])
    assert referral.entries.count() == (2 if action == "send" else 1)
    assert Notification.objects.filter(user=officer).count() == (1 if action == "send" else 0)


@pytest.mark.django_db
def test_a_different_referral_or_one_the_taskforce_has_decided_is_made_again(client):
    person, dsl = pupil_and_dsl()
    client.force_login(dsl)
    new = reverse("referrals:new", args=[person.pk])
    client.post(new, FORM | {"action": "send"})
    client.post(new, FORM | {"action": "send", "reason": "Seen with a knife"})
    decided = make_referral(person=person, by=dsl, status=ReferralStatus.DECLINED)

    again = referral_create(by=dsl, young_person=person, details=details(), send=True)

    assert again.pk != decided.pk
    assert Referral.objects.count() == 4


@pytest.mark.django_db
def test_an_api_client_retrying_a_new_referral_gets_the_same_one():
    pupil, dsl = pupil_and_dsl()
    api = client_for(dsl)

    first = api.post(LIST, body(young_person=pupil.pk, send=True), format="json")
    retried = api.post(LIST, body(young_person=pupil.pk, send=True), format="json")

    assert first.status_code == retried.status_code == 201
    assert first.json()["id"] == retried.json()["id"] == Referral.objects.get().pk
    assert first["Location"] == retried["Location"]


@pytest.mark.django_db(transaction=True)
def test_two_identical_referrals_sent_at_the_same_moment_make_one():
    person, dsl = pupil_and_dsl()
    user_with_role(Role.TASKFORCE)

    def send() -> Referral:
        return referral_create(by=dsl, young_person=person, details=details(), send=True)

    made = [referral.pk for referral in at_once(send, send)]

    assert Referral.objects.count() == 1
    assert made[0] == made[1]


@pytest.mark.django_db
def test_information_added_twice_is_added_once(client):
    referral = make_referral()
    client.force_login(referral.referred_by)
    add = reverse("referrals:add", args=[referral.pk])
    note = {"note": "Mother says he now stays out until midnight."}

    assert client.post(add, note).status_code == client.post(add, note).status_code == 302
    api = client_for(referral.referred_by)
    assert api.post(url(referral, "add-information"), note, format="json").status_code == 200

    added = referral.entries.filter(action=ReferralEntry.Action.ADDED)
    assert list(added.values_list("note", flat=True)) == [note["note"]]
    client.post(add, {"note": "And he has a new phone."})
    assert added.count() == 2


@pytest.mark.django_db
def test_a_session_form_sent_twice_records_one_session(client):
    intervention = allocate()
    client.force_login(intervention.worker)
    form = {"date": timezone.localdate().isoformat(), "status": "attended", "note": "Talked about football"}
    record = reverse("interventions:session", args=[intervention.pk])

    assert client.post(record, form).status_code == client.post(record, form).status_code == 302

    assert Session.objects.count() == 1
    client.post(record, form | {"note": "Second session today: went to the gym"})
    assert Session.objects.count() == 2


@pytest.mark.django_db
def test_an_api_client_retrying_a_session_gets_the_same_session():
    worker = user_with_role(Role.INTERVENTION_WORKER)
    group = [allocate(worker=worker, kind="group") for _ in range(2)]
    api = client_for(worker)
    sent = {
        "date": timezone.localdate().isoformat(),
        "kind": "group",
        "attendance": [{"status": "attended"}, {"intervention": group[1].pk, "status": "did_not_attend"}],
    }
    path = f"/api/v1/interventions/{group[0].pk}/sessions/"

    first, retried = (api.post(path, sent, format="json") for _ in range(2))

    assert first.status_code == retried.status_code == 201
    assert first.json()["id"] == retried.json()["id"] == Session.objects.get().pk


@pytest.mark.django_db
def test_the_same_session_recorded_again_later_is_a_second_session():
    """A session entered again minutes later is a mistake the worker withdraws
    (test_session_corrections), not one the portal guesses away."""
    intervention = allocate()
    client = client_for(intervention.worker)
    sent = {
        "date": timezone.localdate().isoformat(),
        "kind": "individual",
        "attendance": [{"status": "attended"}],
    }
    path = f"/api/v1/interventions/{intervention.pk}/sessions/"
    first = client.post(path, sent, format="json").json()["id"]
    Session.objects.filter(pk=first).update(recorded_at=timezone.now() - datetime.timedelta(minutes=10))

    assert client.post(path, sent, format="json").json()["id"] != first
