"""The family table of a young person's page (issue 21, findings 3 and 4): every relative
it names is named by the page's access-log entry, and a relative the viewer may not see
shows no dates, since a sibling born into the household joined it on their birthday.
Its column "In the household with this young person" answers yes or no for every
relative: it read "Dates not shown" for each one the viewer may not name, which is every
adult for a head teacher, and so never answered."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
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

BIRTHDAY = date(2016, 5, 17)


@pytest.fixture
def household():
    """A pupil of school A with a sibling at school A, a sibling at school B who was born
    into the household, and a parent."""
    school_a, school_b = SchoolFactory(), SchoolFactory()
    pupil = EnrolmentFactory(school=school_a, person__forename="Ada", person__surname="Quill").person
    family = FamilyMemberFactory(person=pupil, relationship="child", from_date=date(2012, 1, 1)).family
    near = EnrolmentFactory(school=school_a, person__forename="Cy", person__surname="Quill").person
    far = EnrolmentFactory(
        school=school_b, person__forename="Bea", person__surname="Quill", person__date_of_birth=BIRTHDAY
    ).person
    FamilyMemberFactory(family=family, person=near, relationship="sibling", from_date=date(2013, 2, 3))
    FamilyMemberFactory(family=family, person=far, relationship="sibling", from_date=BIRTHDAY)
    parent = FamilyMemberFactory(
        family=family, relationship="parent", person__forename="Dee", person__surname="Quill"
    ).person
    return {"school": school_a, "pupil": pupil, "near": near, "far": far, "parent": parent}


def _page(user, pupil) -> tuple[str, set[int]]:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("young_person_detail", args=[pupil.pk]))
    assert response.status_code == 200
    entry = AccessLogEntry.objects.filter(actor=user).latest("id")
    return response.content.decode(), set(entry.subjects.values_list("person_id", flat=True))


def test_a_sibling_named_and_linked_on_the_page_is_named_in_its_entry(household):
    body, named = _page(school_staff(Role.DSL, household["school"]), household["pupil"])

    assert "Cy Quill" in body
    assert named == {household["pupil"].pk, household["near"].pk}


def test_the_taskforce_sees_every_relatives_name_and_the_entry_names_them_all(household):
    officer = user_with_role(Role.TASKFORCE)
    BreakGlassFactory(user=officer, person=household["pupil"])

    body, named = _page(officer, household["pupil"])

    assert all(name in body for name in ("Bea Quill", "Cy Quill", "Dee Quill"))
    assert named == {household[k].pk for k in ("pupil", "near", "far", "parent")}


def test_a_sibling_the_viewer_may_not_see_shows_no_name_and_no_date(household):
    body, named = _page(school_staff(Role.HEAD_TEACHER, household["school"]), household["pupil"])

    assert not re.search(r"\bBea\b", body), "a factory's staff or school name may contain 'Bea'"
    assert "17 May 2016" not in body
    assert "3 Feb 2013" in body, "the dates of a sibling the viewer may see are still shown"
    assert household["far"].pk not in named


def _answers(user, pupil) -> list[tuple[str, str]]:
    """Each family row's name cell (or the hint in its place) and its household answer."""
    client = Client()
    client.force_login(user)
    response = client.get(reverse("young_person_detail", args=[pupil.pk]))
    table = response.content.decode().split(">Family members</caption>")[1].split("</table>")[0]
    rows = re.findall(r"<tbody.*?</tbody>", table, re.S)[0].split("</tr>")[:-1]
    cells = [
        [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in rows
    ]
    return [(row[1], row[2]) for row in cells]


def test_the_household_column_answers_yes_or_no_for_every_relative(household):
    family = household["pupil"].memberships.get().family
    FamilyMemberFactory(
        family=family, relationship="other_adult", from_date=date(2013, 1, 1), to_date=date(2014, 1, 1)
    )
    FamilyMemberFactory(
        family=family, relationship="carer", from_date=date(2005, 1, 1), to_date=date(2008, 1, 1)
    )

    answers = _answers(school_staff(Role.HEAD_TEACHER, household["school"]), household["pupil"])

    assert ("Cy Quill", "Yes, since 3 Feb 2013") in answers
    withheld = sorted(answer for name, answer in answers if name == "Not shown: not one of your young people")
    assert withheld == [
        "Former household member No longer",
        "Former household member No, not at the same time",
        "Yes",
        "Yes",
    ], "the far sibling and the parent live there; the lodger left; the aunt left before the pupil came"


def test_the_taskforce_reads_everyones_dates_in_the_answer(household):
    officer = user_with_role(Role.TASKFORCE)
    BreakGlassFactory(user=officer, person=household["pupil"])
    family = household["pupil"].memberships.get().family
    FamilyMemberFactory(
        family=family, relationship="other_adult", person__forename="Ed", person__surname="Lodger",
        from_date=date(2013, 1, 1), to_date=date(2014, 1, 1),
    )  # fmt: skip

    answers = dict(_answers(officer, household["pupil"]))

    assert answers["Bea Quill"] == "Yes, since 17 May 2016"
    assert answers["Dee Quill"] == "Yes, since 1 Jan 2012"
    assert answers["Ed Lodger"] == "Former household member No longer: 1 Jan 2013 to 1 Jan 2014"


def test_the_family_table_calls_each_relative_what_recent_events_calls_them(household):
    """It said "Sibling" and "Parent" where the recent events below, and a trigger point's
    evidence, said "Sister" and "Mother" of the same people."""
    for key, sex in (("near", "F"), ("far", "M"), ("parent", "F")):
        household[key].sex = sex
        household[key].save(update_fields=["sex"])
    family = household["pupil"].memberships.get().family
    FamilyMemberFactory(family=family, relationship="carer", person__sex="")
    EventFactory(person=household["parent"], occurred_on=date(2026, 1, 5), sensitivity=Sensitivity.PARTNER)

    body, _ = _page(school_staff(Role.HEAD_TEACHER, household["school"]), household["pupil"])

    table = body.split(">Family members</caption>")[1].split("</table>")[0]
    words = re.findall(r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">([^<]*)</td>', table)
    assert sorted(words) == ["Brother", "Carer", "Mother", "Sister"]
    after_the_family = body.split(">Family members</caption>")[1].split("</table>", 1)[1]
    assert "Mother" in after_the_family, "the mother's event in Recent events"
