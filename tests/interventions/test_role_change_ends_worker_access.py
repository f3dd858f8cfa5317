"""A role change ends the access that came with the old role. Allocating an intervention
grants the lead worker the young person; when the worker becomes a head teacher or a
DSL elsewhere, the young person's page and API answer 404 (head teachers and DSLs see
only pupils on their school's roll), however the role was changed, and the taskforce is
told that the open intervention needs a new lead worker."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from accounts.models import AccessLogEntry, ChangeLogEntry, Notification, User
from accounts.roles import Role
from accounts.services.assignments import assign_school
from accounts.services.roles import set_role
from interventions.services.allocation import intervention_change_worker
from schools.models import PersonUserObjectPermission
from tests.api.conftest import client_for
from tests.factories import SchoolFactory
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate

pytestmark = pytest.mark.django_db


def _opens(user: User, person) -> tuple[int, int]:
    """What the user gets for the young person's page and their record through the API."""
    web = Client()
    web.force_login(user)
    page = web.get(reverse("young_person_detail", args=[person.pk])).status_code
    return page, client_for(user).get(f"/api/v1/young-people/{person.pk}/").status_code


def _moved_to(worker: User, role: Role, *, by: User | None = None) -> User:
    """The worker made head teacher or DSL of a school their young person is not at."""
    set_role(by=by, user=worker, role=role)
    assign_school(by=by, user=worker, school=SchoolFactory(), role=role)
    return User.objects.get(pk=worker.pk)


@pytest.mark.parametrize("role", [Role.HEAD_TEACHER, Role.DSL])
def test_a_worker_made_another_schools_head_teacher_or_dsl_no_longer_opens_their_young_person(role):
    worker = user_with_role(Role.INTERVENTION_WORKER)
    person = allocate(worker=worker).young_person
    assert _opens(worker, person) == (200, 200)
    admin = user_with_role(Role.ADMINISTRATOR)

    moved = _moved_to(worker, role, by=admin)

    assert _opens(moved, person) == (404, 404)
    refused = AccessLogEntry.objects.filter(
        actor=moved, kind=AccessLogEntry.Kind.DENIED, subjects__person=person
    )
    assert refused.count() == 2
    grants = ContentType.objects.get_for_model(PersonUserObjectPermission)
    ended = ChangeLogEntry.objects.filter(content_type=grants, action=ChangeLogEntry.Action.DELETE)
    assert list(ended.values_list("actor", flat=True)) == [admin.pk]


def test_the_admin_form_ends_the_access_too(password):
    worker = user_with_role(Role.INTERVENTION_WORKER)
    person = allocate(worker=worker).young_person
    admin = user_with_role(Role.ADMINISTRATOR)
    web = Client()
    web.login(email=admin.email, password=password)

    response = web.post(
        reverse("admin:accounts_user_change", args=[worker.pk]),
        {
            "email": worker.email,
            "display_name": worker.display_name,
            "job_title": "DSL",
            "role": "dsl",
            "school": SchoolFactory().pk,
        },
    )
    assert response.status_code == 302

    assert _opens(User.objects.get(pk=worker.pk), person) == (404, 404)


def test_a_grant_counts_only_for_the_role_it_was_made_for_whatever_changed_the_role():
    """Fail closed: were the role groups changed without set_role, the grant made for the
    worker still would not open the young person to the head teacher they became."""
    worker = user_with_role(Role.INTERVENTION_WORKER)
    person = allocate(worker=worker).young_person
    worker.groups.remove(Group.objects.get(name=Role.INTERVENTION_WORKER.value))
    worker.groups.add(Group.objects.get_or_create(name=Role.HEAD_TEACHER.value)[0])
    head = User.objects.get(pk=worker.pk)
    assign_school(by=None, user=head, school=SchoolFactory(), role=Role.HEAD_TEACHER)
    assert PersonUserObjectPermission.objects.filter(user=head, content_object=person).exists()

    assert _opens(User.objects.get(pk=head.pk), person) == (404, 404)


def test_the_taskforce_is_told_the_intervention_needs_a_new_lead_worker_and_can_give_it_one():
    worker = user_with_role(Role.INTERVENTION_WORKER)
    intervention = allocate(worker=worker)
    officer = user_with_role(Role.TASKFORCE)

    _moved_to(worker, Role.DSL)

    [told] = Notification.objects.filter(user=officer, kind="intervention_needs_worker")
    assert told.url == reverse("interventions:detail", args=[intervention.pk])
    assert told.person == intervention.young_person
    assert intervention.young_person.surname not in told.title + told.body
    web = Client()
    web.force_login(officer)
    assert "has changed role" in web.get(reverse("notifications:list")).content.decode()

    successor = user_with_role(Role.INTERVENTION_WORKER)
    intervention_change_worker(
        by=officer, intervention=intervention, worker=successor, expected_version=intervention.version
    )
    assert _opens(User.objects.get(pk=successor.pk), intervention.young_person) == (200, 200)


def test_a_lead_worker_whose_new_role_may_still_lead_interventions_keeps_their_young_person():
    """A taskforce officer leading an intervention who becomes an intervention worker is
    still its lead worker: the grant is made again, for the new role, and nobody is told."""
    officer = user_with_role(Role.TASKFORCE)
    person = allocate(worker=officer).young_person

    set_role(by=None, user=officer, role=Role.INTERVENTION_WORKER)

    assert _opens(User.objects.get(pk=officer.pk), person) == (200, 200)
    assert not Notification.objects.filter(kind="intervention_needs_worker").exists()
