"""RecordsApiView, the base of every endpoint that names a young person: one entry in
the same transaction as the response, fail-closed, refusals logged."""

import pytest

from accounts.models import AccessLogEntry
from accounts.roles import Role
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.base_view_urls")]
Kind = AccessLogEntry.Kind


@pytest.fixture
def pupil_and_dsl():
    pupil = EnrolmentFactory().person
    return pupil, school_staff(Role.DSL, pupil.enrolments.get().school)


def _entries(user):
    return list(AccessLogEntry.objects.filter(actor=user))


def test_a_response_naming_a_person_logs_them_with_the_token(pupil_and_dsl):
    pupil, dsl = pupil_and_dsl
    response = client_for(dsl).get(f"/api/shows/{pupil.pk}/")
    assert response.json() == {"name": pupil.full_name}
    [entry] = _entries(dsl)
    assert entry.kind == Kind.VIEW
    assert set(entry.subjects.values_list("person_id", flat=True)) == {pupil.pk}
    assert entry.route == "api:shows"
    assert entry.detail["api"]["auth"] == "token"
    assert entry.detail["api"]["token"].startswith("safe_")


def test_a_response_that_logged_nothing_is_never_sent(pupil_and_dsl):
    pupil, dsl = pupil_and_dsl
    client = client_for(dsl)
    client.raise_request_exception = False
    response = client.get(f"/api/forgets/{pupil.pk}/")
    assert response.status_code == 500
    assert pupil.full_name.encode() not in response.content
    assert _entries(dsl) == []


def test_a_failure_after_serialising_leaves_neither_data_nor_an_entry(pupil_and_dsl):
    pupil, dsl = pupil_and_dsl
    client = client_for(dsl)
    client.raise_request_exception = False
    response = client.get(f"/api/fails/{pupil.pk}/")
    assert response.status_code == 500
    assert pupil.full_name.encode() not in response.content
    assert _entries(dsl) == []


def test_a_record_outside_scope_is_404_and_a_logged_refusal(pupil_and_dsl):
    pupil, _ = pupil_and_dsl
    other = school_staff(Role.DSL, EnrolmentFactory().school)
    response = client_for(other).get(f"/api/shows/{pupil.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No young person found."}
    [entry] = _entries(other)
    assert entry.kind == Kind.DENIED
    assert entry.detail["requested_person_id"] == pupil.pk
    assert entry.detail["api"]["auth"] == "token"


def test_a_role_that_may_not_use_a_per_person_endpoint_is_403_and_logged(pupil_and_dsl):
    pupil, _ = pupil_and_dsl
    ig = user_with_role(Role.IG_OFFICER)
    response = client_for(ig).get(f"/api/shows/{pupil.pk}/")
    assert response.status_code == 403
    assert response.json()["detail"]
    [entry] = _entries(ig)
    assert entry.kind == Kind.DENIED
    assert entry.detail["reason"] == "role may not use this endpoint"


def test_a_view_that_names_no_roles_is_closed_to_everyone():
    administrator = user_with_role(Role.ADMINISTRATOR)
    assert client_for(administrator).get("/api/closed/").status_code == 403
