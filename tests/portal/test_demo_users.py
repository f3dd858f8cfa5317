"""Demo sign-ins: one per role, never a superuser, never outside demo settings."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import SchoolAssignment, User
from accounts.roles import Role
from portal.demo.users import (
    DEMO_PASSWORD,
    assign_demo_schools,
    create_demo_service_account,
    create_demo_users,
    demo_sign_ins,
)
from tests.factories.schools import SchoolFactory

pytestmark = pytest.mark.django_db


def test_there_is_one_demo_user_per_role_who_can_sign_in(client):
    create_demo_users()
    users = User.objects.filter(email__endswith="@northbridge.example")
    assert sorted(u.role.value for u in users) == sorted(
        [r.value for r in Role] + [Role.HEAD_TEACHER.value]  # two head teachers
    )
    assert client.login(email="dsl@northbridge.example", password=DEMO_PASSWORD)


def test_the_administrator_is_staff_but_never_a_superuser():
    users = create_demo_users()
    admin = users[Role.ADMINISTRATOR]
    assert admin.is_staff
    assert not admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exists()
    assert not User.objects.filter(is_staff=True).exclude(pk=admin.pk).exists()


def test_running_it_again_changes_nothing_but_the_password():
    create_demo_users()
    User.objects.filter(email="ig@northbridge.example").update(password="")
    create_demo_users()
    assert User.objects.filter(email__endswith="@northbridge.example").count() == 8
    assert User.objects.get(email="ig@northbridge.example").check_password(DEMO_PASSWORD)


def test_school_staff_work_at_two_different_schools():
    users = create_demo_users()
    first, second = SchoolFactory(), SchoolFactory()
    assign_demo_schools(by=users[Role.ADMINISTRATOR], first=first, second=second)
    assignments = {(a.user.email, a.school, a.role) for a in SchoolAssignment.objects.select_related("user")}
    assert assignments == {
        ("head.teacher@northbridge.example", first, Role.HEAD_TEACHER),
        ("dsl@northbridge.example", first, Role.DSL),
        ("head.teacher2@northbridge.example", second, Role.HEAD_TEACHER),
    }
    sign_ins = {s.email: s for s in demo_sign_ins()}
    assert sign_ins["dsl@northbridge.example"].school == first.name
    assert sign_ins["taskforce@northbridge.example"].school == ""


def test_demo_sign_ins_prints_every_account_and_the_password(capsys):
    create_demo_users()
    call_command("demo_sign_ins")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    for email in (
        "head.teacher@",
        "dsl@",
        "head.teacher2@",
        "taskforce@",
        "worker@",
        "ig@",
        "data.officer@",
        "admin@",
    ):
        assert f"{email}northbridge.example" in out


def test_demo_sign_ins_says_so_when_there_are_none(capsys):
    call_command("demo_sign_ins")
    assert "No demo users yet" in capsys.readouterr().out


def test_demo_sign_ins_refuses_under_production_settings(settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="refuses to run under production settings"):
        call_command("demo_sign_ins")


def test_the_demo_has_a_service_account_that_cannot_sign_in(client):
    users = create_demo_users()
    account = create_demo_service_account(by=users[Role.ADMINISTRATOR])
    assert create_demo_service_account(by=None) == account
    assert (account.role, account.is_service_account) == (Role.DATA_OFFICER, True)
    assert not account.has_usable_password()
