"""What an administrator sees when they deactivate, reactivate or change the role of a
user in the Django admin: who was changed, a way back from a mistaken click, and what a
role change took away."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import ChangeLogEntry, SchoolAssignment, User
from accounts.roles import Role
from tests.factories import SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_user_changelist")


def _administrator(password: str) -> tuple[User, Client]:
    administrator = user_with_role(Role.ADMINISTRATOR)
    client = Client()
    assert client.login(email=administrator.email, password=password)
    return administrator, client


def _act(client: Client, action: str, users: list[User], **extra: str):
    data = {"action": action, "_selected_action": [u.pk for u in users], **extra}
    return client.post(CHANGELIST, data, follow=True)


def test_deactivation_asks_first_naming_who_then_says_who_it_deactivated(password):
    _admin, client = _administrator(password)
    ann = user_with_role(Role.DSL, display_name="Ann Example")
    bob = user_with_role(Role.TASKFORCE, display_name="Bob Example")

    asked = _act(client, "deactivate", [ann, bob])
    page = asked.content.decode()
    assert "Ann Example" in page
    assert "Bob Example" in page
    assert User.objects.get(pk=ann.pk).is_active, "nothing happens before the confirmation"

    done = _act(client, "deactivate", [ann, bob], confirm="yes")
    message = [str(m) for m in done.context["messages"]]
    assert any("Ann Example" in m and "Bob Example" in m for m in message), message
    assert not User.objects.filter(pk__in=[ann.pk, bob.pk], is_active=True).exists()


def test_a_deactivated_user_is_reactivated_and_the_change_log_names_who_did_it(password):
    administrator, client = _administrator(password)
    ann = user_with_role(Role.DSL, display_name="Ann Example")
    _act(client, "deactivate", [ann], confirm="yes")

    done = _act(client, "reactivate", [ann])
    assert any("Ann Example" in str(m) for m in done.context["messages"])
    ann.refresh_from_db()
    assert ann.is_active
    assert ann.deactivated_at is None
    assert ann.role == Role.DSL
    entry = ChangeLogEntry.objects.get_for_object(ann).order_by("-timestamp", "-pk").first()
    assert entry.actor == administrator
    assert "is_active" in entry.changes_dict

    fresh = Client()
    assert fresh.login(email=ann.email, password=password), "they can sign in again"


def test_the_user_form_says_which_roles_hold_a_school(password):
    _admin, client = _administrator(password)
    page = client.get(reverse("admin:accounts_user_add")).content.decode()
    assert "Head teachers and designated safeguarding leads need a school" in page
    assert "Other roles hold none" in page


def test_a_head_teacher_with_no_school_is_refused_at_the_school_field(password):
    _admin, client = _administrator(password)
    fields = {
        "email": "new.head@example.org",
        "display_name": "Nell Head",
        "job_title": "Head",
        "role": "head_teacher",
    }
    refused = client.post(reverse("admin:accounts_user_add"), fields)
    assert refused.status_code == 200
    assert not User.objects.filter(email="new.head@example.org").exists()
    errors = refused.context["adminform"].form.errors
    assert "school" in errors
    assert "A head teacher needs a school" in errors["school"][0]

    school = SchoolFactory(name="Carrow Hill Academy")
    made = client.post(reverse("admin:accounts_user_add"), {**fields, "school": school.pk})
    assert made.status_code == 302
    head = User.objects.get(email="new.head@example.org")
    assert head.role == Role.HEAD_TEACHER
    assert SchoolAssignment.objects.filter(user=head, school=school, role=Role.HEAD_TEACHER).exists()


def test_staff_already_at_a_school_need_no_school_on_the_form(password):
    _admin, client = _administrator(password)
    dsl = school_staff(Role.DSL, SchoolFactory())
    response = client.post(
        reverse("admin:accounts_user_change", args=[dsl.pk]),
        {"email": dsl.email, "display_name": "Renamed", "job_title": "DSL", "role": "dsl"},
    )
    assert response.status_code == 302
    assert SchoolAssignment.objects.filter(user=dsl).count() == 1


def test_a_role_change_says_which_school_assignments_it_removed(password):
    _admin, client = _administrator(password)
    head = school_staff(Role.HEAD_TEACHER, SchoolFactory(name="Carrow Hill Academy"), display_name="Hal Head")
    response = client.post(
        reverse("admin:accounts_user_change", args=[head.pk]),
        {"email": head.email, "display_name": "Hal Head", "job_title": "Data", "role": "data_officer"},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("no longer assigned to Carrow Hill Academy" in m for m in messages), messages
    assert not SchoolAssignment.objects.filter(user=head).exists()
