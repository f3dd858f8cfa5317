"""GET /api/v1/programmes/ and /api/v1/workers/: what a taskforce client needs to
allocate through the API, the same choices as the allocation form (a retired programme,
a deactivated worker or a school's staff are offered by neither), for the taskforce
alone, and, naming no young person, logged nowhere."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import Programme, ReferralStatus
from tests.api.conftest import client_for
from tests.api.referrals import url
from tests.factories import SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate, make_referral

pytestmark = pytest.mark.django_db
PROGRAMMES = "/api/v1/programmes/"
WORKERS = "/api/v1/workers/"


def everything(client: APIClient, path: str) -> list[dict]:
    """Every row of a list, following `next` as docs/api.md asks a client to."""
    rows, page = [], client.get(path, {"page_size": 2}).json()
    rows += page["results"]
    while page["next"]:
        page = client.get(page["next"]).json()
        rows += page["results"]
    return rows


def the_form(client, referral) -> object:
    response = client.get(reverse("referrals:allocate", args=[referral.pk]))
    assert response.status_code == 200
    return response.context["form"]


def offered(form, field: str) -> list[tuple[int, str]]:
    return [(int(str(value)), label) for value, label in form.fields[field].choices if value]


def test_the_lists_offer_what_the_allocation_form_offers(client):
    officer = user_with_role(Role.TASKFORCE, display_name="Officer Ames")
    busy = user_with_role(Role.INTERVENTION_WORKER, display_name="Busy Bell")
    allocate(worker=busy)
    allocate(worker=busy)
    user_with_role(Role.INTERVENTION_WORKER, display_name="Gone Gray", is_active=False)
    school_staff(Role.DSL, SchoolFactory(), display_name="Dsl Dunn")
    user_with_role(Role.IG_OFFICER, display_name="Ig Irwin")
    retired = Programme.objects.create(name="Retired scheme", kind=Programme.Kind.OTHER, active=False)
    client.force_login(officer)
    form = the_form(client, make_referral(status=ReferralStatus.ACCEPTED))

    api = client_for(officer)
    programmes = everything(api, PROGRAMMES)
    assert [(p["id"], p["name"]) for p in programmes] == offered(form, "programme")
    assert retired.pk not in {p["id"] for p in programmes}
    assert {"id", "name", "kind", "kind_label"} == set(programmes[0])

    workers = everything(api, WORKERS)
    assert [(w["id"], f"{w['display_name']} ({w['role_label']})") for w in workers] == offered(form, "worker")
    names = {w["display_name"] for w in workers}
    assert {"Officer Ames", "Busy Bell"} <= names
    assert not {"Gone Gray", "Dsl Dunn", "Ig Irwin"} & names
    by_name = {w["display_name"]: w for w in workers}
    assert by_name["Busy Bell"]["open_interventions"] == 2
    assert by_name["Busy Bell"]["role"] == Role.INTERVENTION_WORKER
    assert by_name["Officer Ames"]["role"] == Role.TASKFORCE
    for worker in workers:
        assert (
            f"{worker['display_name']}: {worker['open_interventions']} open"
            in form.fields["worker"].help_text
        )


def test_an_officer_allocates_with_ids_read_from_the_lists():
    officer = user_with_role(Role.TASKFORCE)
    user_with_role(Role.INTERVENTION_WORKER, display_name="Lead Lowe")
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    api = client_for(officer)
    programme = api.get(PROGRAMMES).json()["results"][0]
    worker = next(w for w in everything(api, WORKERS) if w["display_name"] == "Lead Lowe")
    response = api.post(
        url(referral, "allocate"),
        {
            "programme": programme["id"],
            "provider": "Northbridge Youth Service",
            "worker": worker["id"],
            "start_date": timezone.localdate().isoformat(),
            "planned_sessions": 6,
            "review_date": (timezone.localdate() + timedelta(days=42)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["programme"]["id"] == programme["id"]
    assert response.json()["worker"]["id"] == worker["id"]
    again = next(w for w in everything(api, WORKERS) if w["id"] == worker["id"])
    assert again["open_interventions"] == 1


def test_a_long_list_pages_without_repeating_or_skipping_a_worker_of_the_same_name():
    officer = user_with_role(Role.TASKFORCE, display_name="Officer Ames")
    twins = {user_with_role(Role.INTERVENTION_WORKER, display_name="Sam Smith").pk for _ in range(5)}
    ids = [w["id"] for w in everything(client_for(officer), WORKERS)]
    assert len(ids) == len(set(ids))
    assert twins | {officer.pk} <= set(ids)


@pytest.mark.parametrize("path", [PROGRAMMES, WORKERS])
def test_the_taskforce_is_answered_and_nothing_is_logged(path):
    officer = user_with_role(Role.TASKFORCE)
    response = client_for(officer).get(path)
    assert response.status_code == 200
    assert {"count", "next", "previous", "results"} == set(response.json())
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("path", [PROGRAMMES, WORKERS])
@pytest.mark.parametrize("role", [r for r in Role if r != Role.TASKFORCE])
def test_every_role_that_may_not_allocate_gets_403_and_nothing_is_logged(path, role):
    user = (
        school_staff(role, SchoolFactory()) if role in (Role.HEAD_TEACHER, Role.DSL) else user_with_role(role)
    )
    response = client_for(user).get(path)
    assert response.status_code == 403
    assert response.json() == {"detail": "Your role may not use this endpoint."}
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("path", [PROGRAMMES, WORKERS])
def test_without_credentials_it_is_401(path, api_client):
    response = api_client.get(path)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


HOSTILE = {
    "nul in page": ({"page": "1\x00"}, 400),
    "nul page size": ({"page_size": "\x00"}, 400),
    "nul in a parameter it does not take": ({"name": "a\x00b"}, 400),
    "overlong page": ({"page": "9" * 5_000}, 400),
    "overlong page size": ({"page_size": "x" * 5_000}, 400),
    "long page": ({"page": "9" * 999}, 404),
    "huge page": ({"page": "99999999999999999999"}, 404),
    "negative page": ({"page": "-1"}, 404),
    "page zero": ({"page": "0"}, 404),
    "superscript page": ({"page": "²"}, 404),
    "word page": ({"page": "abc"}, 404),
    "past the last": ({"page": "2"}, 404),
    "huge page size": ({"page_size": "100000"}, 200),
    "negative page size": ({"page_size": "-5"}, 200),
    "word page size": ({"page_size": "lots"}, 200),
}


@pytest.mark.parametrize("path", [PROGRAMMES, WORKERS])
@pytest.mark.parametrize(("params", "status"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_is_400_or_404_never_a_server_error(path, params, status):
    """A NUL byte or a value over a thousand characters is refused before any view runs
    (portal.input_guard); a page that is not one is 404; a page size out of range is
    the nearest one allowed (docs/api.md, "Conventions")."""
    user_with_role(Role.INTERVENTION_WORKER)
    response = client_for(user_with_role(Role.TASKFORCE)).get(path, params)
    assert response.status_code == status
    if status == 404:
        assert response.json() == {"detail": "Invalid page."}
    elif status == 400:
        assert response.json()["detail"]
    else:
        assert 1 <= len(response.json()["results"]) <= 200
    assert not AccessLogEntry.objects.exists()


def test_the_workers_page_costs_the_same_queries_however_many_are_on_it():
    officer = client_for(user_with_role(Role.TASKFORCE))
    officer.get(WORKERS)
    with CaptureQueriesContext(connection) as few:
        officer.get(WORKERS)
    for _ in range(6):
        allocate(worker=user_with_role(Role.INTERVENTION_WORKER))
    with CaptureQueriesContext(connection) as many:
        officer.get(WORKERS)
    assert len(many.captured_queries) == len(few.captured_queries)
