"""The Django admin: administrators only, and no child records in it."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AccessLogEntry, AccessLogSubject, BreakGlass, ChangeLogEntry, SchoolAssignment
from accounts.roles import Role
from chronology.models import Event, SourceRecord
from schools.models import Enrolment, Family, FamilyMember, Person
from tests.factories import SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


def _client(role, password):
    user = user_with_role(role)
    client = Client()
    client.login(email=user.email, password=password)
    return user, client


def test_child_records_and_logs_are_not_in_the_admin():
    for model in (Person, Enrolment, Family, FamilyMember, Event, SourceRecord,
                  AccessLogEntry, AccessLogSubject, BreakGlass, ChangeLogEntry):  # fmt: skip
        assert not admin.site.is_registered(model), model


def test_roles_are_not_edited_in_the_admin(password):
    """Each role (and each school's staff) is a group whose permissions set_role and
    ensure_roles keep: edited in Django's group admin they would grant what the access
    layer never decided, until the next migrate repaired them. Roles are given on the
    user's form, schools as school assignments. Not even for an administrator who was
    somehow given the group permissions, which the administrator role does not hold."""
    assert not admin.site.is_registered(Group)
    administrator, client = _client(Role.ADMINISTRATOR, password)
    administrator.user_permissions.add(*Permission.objects.filter(content_type__app_label="auth"))
    index = client.get(reverse("admin:index")).content.decode()
    assert "/admin/auth/" not in index
    assert ">Groups<" not in index
    assert client.get("/admin/auth/group/").status_code == 404


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_other_roles_get_403_even_with_is_staff(role, password):
    user, client = _client(role, password)
    user.is_staff = True
    user.save()
    assert client.get(reverse("admin:index")).status_code == 403
    assert client.get(reverse("admin:login")).status_code == 403


def test_the_administrators_home_leads_to_the_pages_that_manage_users_and_schools(password):
    _admin, client = _client(Role.ADMINISTRATOR, password)
    home = client.get(reverse("home")).content.decode()
    assert "Manage users, schools, role assignments" in home
    assert f'href="{reverse("admin:index")}">Users, schools and role assignments</a>' in home
    assert client.get(reverse("admin:index")).status_code == 200
    _dsl, other = _client(Role.DSL, password)
    assert reverse("admin:index") not in other.get(reverse("home")).content.decode()


def test_visitors_are_sent_to_the_portal_sign_in():
    response = Client().get(reverse("admin:index"))
    assert response.status_code == 302
    response = Client().get(response["Location"])
    assert response["Location"].startswith(reverse("login"))


def test_administrator_assigns_a_school_through_the_service(password):
    _admin, client = _client(Role.ADMINISTRATOR, password)
    head = user_with_role(Role.HEAD_TEACHER)
    school = SchoolFactory()
    url = reverse("admin:accounts_schoolassignment_add")
    client.post(url, {"user": head.pk, "school": school.pk, "role": Role.HEAD_TEACHER})
    assert SchoolAssignment.objects.filter(user=head, school=school).exists()
    assert head.groups.filter(name=f"school:{school.urn}:head_teacher").exists()
    mismatch = client.post(
        url, {"user": user_with_role(Role.DSL).pk, "school": school.pk, "role": "head_teacher"}
    )
    assert "does not hold" in mismatch.content.decode()


def test_administrator_sets_a_role_and_cannot_delete_users(password):
    _admin, client = _client(Role.ADMINISTRATOR, password)
    user = user_with_role(None)
    response = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": user.email,
            "display_name": "New Name",
            "job_title": "DSL",
            "role": "dsl",
            "school": SchoolFactory().pk,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.role == Role.DSL
    assert not user.is_staff
    assert client.get(reverse("admin:accounts_user_delete", args=[user.pk])).status_code == 403


def test_the_user_list_does_not_grow_queries_with_its_users(password):
    """Each user is listed with their role, read from their groups: for every user on
    the page at once, not once a row."""
    _, client = _client(Role.ADMINISTRATOR, password)
    url = reverse("admin:accounts_user_changelist")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url)
        assert "Data officer" in page.content.decode()
        return len(captured)

    user_with_role(Role.DATA_OFFICER)
    queries()  # the first page after signing in costs a few more
    few = queries()
    for role in (Role.DSL, Role.TASKFORCE, Role.IG_OFFICER, Role.DATA_OFFICER):
        user_with_role(role)
    assert queries() == few


def test_admin_pages_load_the_portals_accessibility_fixes(password):
    """Django's admin falls short of WCAG 2.2 AA in three places the axe crawl found:
    breadcrumb links told apart by colour alone, 20px-high filter links, and an
    autocomplete with no name while empty. templates/admin/base_site.html loads the
    fixes on every admin page; the browser journey (test_integration_journey) runs axe
    on them."""
    from pathlib import Path

    _admin, client = _client(Role.ADMINISTRATOR, password)
    for name in ("admin:index", "admin:accounts_schoolassignment_add", "admin:accounts_user_changelist"):
        html = client.get(reverse(name)).content.decode()
        assert 'href="/static/build/admin.css"' in html, name
        assert 'src="/static/build/admin.js"' in html, name
        assert "SAFE portal administration" in html
    src = Path(__file__).resolve().parents[2] / "static" / "src"
    css = (src / "admin.css").read_text()
    assert "div.breadcrumbs a {\n  text-decoration: underline;" in css
    assert "#changelist-filter li a {\n  min-height: 24px;" in css
    assert "aria-labelledby" in (src / "admin.js").read_text()


def test_the_users_list_filters_by_role_in_words(password):
    """The filter was Django's "By name" over the groups, listing `ig_officer` and
    `school:995884:dsl`: an administrator looking for the data officers read codes."""
    _admin, client = _client(Role.ADMINISTRATOR, password)
    officer = user_with_role(Role.DATA_OFFICER, display_name="Dana Officer")
    dsl = school_staff(Role.DSL, SchoolFactory(), display_name="Sam Safeguarding")

    html = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    filtered = client.get(
        reverse("admin:accounts_user_changelist"), {"role": "data_officer"}
    ).content.decode()

    assert "By role" in html
    assert ">Data officer</a>" in html
    assert "school:" not in html
    assert "ig_officer</a>" not in html
    assert officer.display_name in filtered
    assert dsl.display_name not in filtered
