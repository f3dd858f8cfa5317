"""The young-person pages as school staff use them, and attempts to reach other schools' pupils."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry, AccessLogSubject, SchoolAssignment
from accounts.roles import Role
from accounts.services.assignments import unassign_school
from accounts.services.roles import set_role
from accounts.services.users import user_deactivate
from chronology.models import Sensitivity
from tests.factories import (
    BreakGlassFactory,
    EnrolmentFactory,
    EventFactory,
    FamilyMemberFactory,
    SchoolFactory,
)
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


def _names(forename: str, html: str) -> bool:
    """The forename as a word: a factory's staff name ("Elliot Adams") may contain it."""
    return re.search(rf"\b{forename}\b", html) is not None


@pytest.fixture
def setting(password):
    school_a, school_b = SchoolFactory(name="Alder Academy"), SchoolFactory(name="Birch High")
    pupil_a = EnrolmentFactory(school=school_a, person__forename="Ada", person__surname="Quill").person
    pupil_b = EnrolmentFactory(school=school_b, person__forename="Bea", person__surname="Quill").person
    head = school_staff(Role.HEAD_TEACHER, school_a)
    client = Client()
    client.login(email=head.email, password=password)
    return {
        "a": school_a,
        "b": school_b,
        "pupil_a": pupil_a,
        "pupil_b": pupil_b,
        "head": head,
        "client": client,
    }


def test_list_shows_only_own_pupils_and_logs_them(setting):
    response = setting["client"].get(reverse("young_person_list"))
    body = response.content.decode()
    assert "Quill, Ada" in body
    assert not _names("Bea", body)
    assert "1 young person" in body
    entry = AccessLogEntry.objects.get(kind=AccessLogEntry.Kind.LIST)
    assert list(entry.subjects.values_list("person_id", flat=True)) == [setting["pupil_a"].pk]


def test_search_by_name_and_upn_stays_in_scope(setting):
    client = setting["client"]
    body = client.get(reverse("young_person_list"), {"q": "quill"}).content.decode()
    assert "Ada" in body
    assert not _names("Bea", body)
    body = client.get(reverse("young_person_list"), {"q": setting["pupil_b"].upn}).content.decode()
    assert not _names("Bea", body)
    assert setting["pupil_b"].upn in body
    assert "No young people match" in body
    assert "Outside your caseload" not in body
    assert AccessLogEntry.objects.filter(kind=AccessLogEntry.Kind.SEARCH).count() == 2
    assert not AccessLogSubject.objects.filter(person=setting["pupil_b"]).exists()


@pytest.mark.parametrize(
    "params", [{"school": "B"}, {"page": "2"}, {"page": "999"}, {"q": "Bea"}, {"pk": "1"}, {"q": "%"}]
)
def test_list_filters_leak_nothing_of_another_school(setting, params):
    params = {**params, "school": setting["b"].pk} if "school" in params else params
    body = setting["client"].get(reverse("young_person_list"), params).content.decode()
    assert "Quill, Bea" not in body
    assert setting["pupil_b"].upn not in body
    assert f'"{reverse("young_person_detail", args=[setting["pupil_b"].pk])}"' not in body
    assert "Birch High" not in body


def _without_csrf(content: bytes) -> bytes:
    """The sign-out form's CSRF token is masked afresh on every response, and each
    script's CSP nonce is new on every response too."""
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
    return re.sub(rb'nonce="[^"]+"', b"", content)


def test_another_schools_pupil_by_id_is_404_without_a_hint_and_the_attempt_is_refused(setting):
    other = setting["client"].get(reverse("young_person_detail", args=[setting["pupil_b"].pk]))
    missing = setting["client"].get(reverse("young_person_detail", args=[999_999]))
    assert other.status_code == missing.status_code == 404
    assert _without_csrf(other.content) == _without_csrf(missing.content)
    assert not _names("Bea", other.content.decode())
    assert not AccessLogEntry.objects.filter(kind=AccessLogEntry.Kind.VIEW).exists()
    denied = AccessLogEntry.objects.filter(kind=AccessLogEntry.Kind.DENIED).order_by("id")
    assert [e.detail["requested_person_id"] for e in denied] == [setting["pupil_b"].pk, 999_999]
    assert list(denied[0].subjects.values_list("person_id", flat=True)) == [setting["pupil_b"].pk]


def test_family_links_do_not_lead_to_another_schools_pupil(setting):
    family = FamilyMemberFactory(person=setting["pupil_a"]).family
    FamilyMemberFactory(family=family, person=setting["pupil_b"], relationship="sibling")
    EventFactory(person=setting["pupil_b"], sensitivity=Sensitivity.EDUCATION, summary="Bea excluded")
    body = (
        setting["client"].get(reverse("young_person_detail", args=[setting["pupil_a"].pk])).content.decode()
    )
    assert {"M": "Brother", "F": "Sister"}[setting["pupil_b"].sex] in body
    assert not _names("Bea", body)
    assert f'"{reverse("young_person_detail", args=[setting["pupil_b"].pk])}"' not in body


def test_detail_page_shows_identity_school_and_says_what_is_hidden(setting):
    pupil = setting["pupil_a"]
    EventFactory(person=pupil, sensitivity=Sensitivity.EDUCATION, category="suspension", summary="Fixed term")
    EventFactory(person=pupil, sensitivity=Sensitivity.PARTNER, category="missing_episode", summary="Secret")
    EventFactory(person=pupil, sensitivity=Sensitivity.RESTRICTED, category="police_intel", summary="Hidden")
    response = setting["client"].get(reverse("young_person_detail", args=[pupil.pk]))
    body = response.content.decode()
    assert pupil.upn in body
    assert "Alder Academy" in body
    assert "Fixed term" in body
    assert "Missing episode" in body
    assert "Secret" not in body
    assert "Police intel" not in body
    assert "Hidden" not in body
    assert "Restricted information exists — contact the SAFE taskforce." in body
    assert "restricted information is never shown to head teachers" in body
    entry = AccessLogEntry.objects.get(kind=AccessLogEntry.Kind.VIEW)
    assert entry.break_glass is None
    assert list(entry.subjects.values_list("person_id", flat=True)) == [pupil.pk]


def test_school_move_takes_effect_on_the_next_request(setting):
    client, pupil = setting["client"], setting["pupil_a"]
    url = reverse("young_person_detail", args=[pupil.pk])
    assert client.get(url).status_code == 200
    pupil.enrolments.update(leaving_date=timezone.localdate())
    EnrolmentFactory(person=pupil, school=setting["b"])
    assert client.get(url).status_code == 404
    assert not _names("Ada", client.get(reverse("young_person_list")).content.decode())


def test_losing_the_assignment_or_the_role_takes_effect_on_the_next_request(setting):
    client, head = setting["client"], setting["head"]
    url = reverse("young_person_detail", args=[setting["pupil_a"].pk])
    unassign_school(by=None, assignment=SchoolAssignment.objects.get(user=head))
    assert client.get(url).status_code == 404
    set_role(by=None, user=head, role=Role.IG_OFFICER)
    assert client.get(url).status_code == 403
    assert client.get(reverse("young_person_list")).status_code == 403


def test_deactivation_ends_access_and_sessions(setting, django_capture_on_commit_callbacks):
    from django.contrib.sessions.models import Session

    with django_capture_on_commit_callbacks(execute=True):
        user_deactivate(by=None, user=setting["head"])
    response = setting["client"].get(reverse("young_person_detail", args=[setting["pupil_a"].pk]))
    assert response.status_code == 302
    assert not Session.objects.exists()


def test_list_is_paginated_and_queries_do_not_grow(setting, django_assert_max_num_queries):
    EnrolmentFactory.create_batch(55, school=setting["a"])
    client = setting["client"]
    with django_assert_max_num_queries(20):
        first = client.get(reverse("young_person_list"))
    assert first.content.decode().count('class="govuk-table__row"') == 51  # header + 50
    assert "govuk-pagination" in first.content.decode()
    second = client.get(reverse("young_person_list"), {"page": 2})
    assert second.content.decode().count('class="govuk-table__row"') == 7


def test_list_pages_run_in_name_order_and_log_exactly_the_rows_shown(setting):
    """Every page, however deep, shows the next pupils by surname and forename with their
    current school and year, and its log entry names those pupils and no others."""
    school = setting["a"]
    for n in range(54, -1, -1):
        EnrolmentFactory(school=school, year_group="9", person__surname=f"Zed{n:02d}", person__forename="Kit")
    client = setting["client"]
    names = []
    for number in (1, 2, 99):
        response = client.get(reverse("young_person_list"), {"page": number})
        page = response.context["page"]
        names += [f"{p.surname}, {p.forename}" for p in page] if number < 99 else []
        entry = AccessLogEntry.objects.filter(kind=AccessLogEntry.Kind.LIST).order_by("-id").first()
        assert set(entry.subjects.values_list("person_id", flat=True)) == {p.pk for p in page}
    assert names == ["Quill, Ada", *(f"Zed{n:02d}, Kit" for n in range(55))]
    last = response.content.decode()
    assert "56 young people" in last
    assert "Zed54, Kit" in last  # a page beyond the end shows the last one
    assert re.search(r"Alder Academy</td>\s*<td[^>]*>9</td>", last)


def test_a_pupil_who_has_left_shows_no_school_in_the_taskforce_list(password):
    officer = user_with_role(Role.TASKFORCE)
    left = EnrolmentFactory(leaving_date=datetime.date(2025, 7, 20), person__surname="Moved").person
    BreakGlassFactory(user=officer, person=left)
    client = Client()
    client.login(email=officer.email, password=password)
    body = client.get(reverse("young_person_list")).content.decode()
    assert "Moved" in body
    assert "Not at school" in body


def test_young_people_is_in_the_menu_only_for_roles_that_may_open_records(password):
    for role, shown in ((Role.DSL, True), (Role.TASKFORCE, True), (Role.IG_OFFICER, False)):
        user = user_with_role(role)
        client = Client()
        client.login(email=user.email, password=password)
        body = client.get(reverse("home")).content.decode()
        assert (f'href="{reverse("young_person_list")}"' in body) is shown, role


def test_a_pupil_without_a_upn_reads_not_recorded_on_the_list_and_the_record(setting):
    pupil = setting["pupil_a"]
    pupil.upn = None
    pupil.save()
    client = setting["client"]
    for url in (reverse("young_person_list"), reverse("young_person_detail", args=[pupil.pk])):
        html = client.get(url).content.decode()
        assert "Not recorded" in html
        assert ">None<" not in html
