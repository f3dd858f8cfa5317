"""The flagged-pupils list: what each role sees, the filters, the CSV and the printout,
and the access-log entry naming every pupil shown."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.access import ADDITIONAL_FACTOR
from accounts.models import AccessLogEntry
from chronology.models import Sensitivity
from risk.models import IndicatorVersion
from risk.services.library import flags_switch
from tests.csv_download import csv_rows, csv_text
from tests.factories.risk import FlagFactory, IndicatorVersionFactory
from tests.risk.pages_world import RESTRICTED_NAME, build_world, client_for

pytestmark = pytest.mark.django_db
LIST = reverse("trigger_points:flagged")


@pytest.fixture
def world():
    return build_world()


def listed(response) -> list[str]:
    return [row.person.surname for row in response.context["rows"]]


def last_entry() -> AccessLogEntry:
    return AccessLogEntry.objects.order_by("-id").first()


def test_the_head_teacher_sees_flagged_pupils_of_their_school_only(world):
    response = client_for(world.head).get(LIST)
    assert response.status_code == 200
    assert sorted(listed(response)) == ["Absent", "Exploited", "Suspended"]
    html = response.content.decode()
    assert RESTRICTED_NAME not in html
    assert "tp08" not in html
    assert ADDITIONAL_FACTOR in html
    assert "Elsewhere" not in html
    assert "Waiting" not in html
    assert "prompts for professional judgement" in html


def test_the_list_is_logged_naming_every_pupil_shown(world):
    client_for(world.head).get(LIST)
    entry = last_entry()
    assert entry.kind == AccessLogEntry.Kind.LIST
    assert set(entry.subjects.values_list("person_id", flat=True)) == {
        world.absent.pk,
        world.suspended.pk,
        world.exploited.pk,
    }


def test_with_trigger_points_switched_off_the_list_is_empty_and_says_so(world):
    flags_switch(by=None, enabled=False)
    response = client_for(world.head).get(LIST)
    assert response.status_code == 200
    assert listed(response) == []
    assert "switched off for the whole portal" in response.content.decode()


def test_the_dsl_sees_the_restricted_trigger_point_by_name(world):
    html = client_for(world.dsl).get(LIST).content.decode()
    assert RESTRICTED_NAME in html
    assert ADDITIONAL_FACTOR not in html


def test_the_taskforce_sees_flags_waiting_for_review_across_schools(world):
    response = client_for(world.taskforce).get(LIST)
    assert {"Waiting", "Elsewhere", "Absent"} <= set(listed(response))
    response = client_for(world.taskforce).get(LIST, {"school": world.other_school.pk})
    assert listed(response) == ["Elsewhere"]
    assert f"Flagged pupils at {world.other_school.name}" in response.content.decode()


def test_staff_of_another_school_see_none_of_these_pupils(world):
    response = client_for(world.other_head).get(LIST)
    assert listed(response) == ["Elsewhere"]
    response = client_for(world.other_head).get(LIST, {"school": world.school.pk})
    assert listed(response) == []
    assert world.school.name not in response.content.decode(), "another school's name is not a label"


FILTERS = [
    ({"trigger_point": "tp01"}, ["Absent", "Suspended"]),
    ({"trigger_point": "tp04"}, ["Suspended"]),
    ({"trigger_point": "other"}, ["Exploited"]),
    ({"tier": "medium"}, ["Exploited", "Suspended"]),
    ({"tier": "low"}, ["Absent"]),
    ({"year_group": "10"}, ["Suspended"]),
    ({"sen": "K"}, ["Absent"]),
    ({"fsm": "yes"}, ["Absent"]),
    ({"fsm": "no"}, ["Exploited", "Suspended"]),
    ({"dismissed": "yes"}, ["Dismissed"]),
    ({"dismissed": "either"}, ["Absent", "Dismissed", "Exploited", "Suspended"]),
    ({"q": "suspended"}, ["Suspended"]),
]


def test_each_filter_narrows_the_list(world):
    """One school for every filter: building it is what a test here costs."""
    client = client_for(world.head)
    for params, expected in FILTERS:
        assert sorted(listed(client.get(LIST, params))) == expected, params


@pytest.mark.parametrize("code", ["tp08", "tp07", "tp03"])
def test_a_hand_typed_code_the_head_teacher_never_sees_by_name_lists_nobody(world, code):
    """tp08 restricted, tp07 awaiting review, tp03 on nobody: an empty list, not a 400,
    and nothing of who has it; the select shows the code alone, never the name."""
    IndicatorVersionFactory(indicator__code="tp03", indicator__position=3, name="Excluded")
    response = client_for(world.head).get(LIST, {"trigger_point": code})
    assert response.status_code == 200
    assert listed(response) == []
    html = response.content.decode()
    assert RESTRICTED_NAME not in html
    assert "Exploited" not in html
    assert f'<option value="{code}" selected>{code}</option>' in html


def test_the_select_offers_what_the_viewer_sees_by_name(world):
    html = client_for(world.head).get(LIST).content.decode()
    assert 'value="tp01"' in html
    assert 'value="tp08"' not in html
    assert 'value="tp07"' not in html


def test_sorting_by_tier_puts_the_highest_first(world):
    names = listed(client_for(world.dsl).get(LIST, {"sort": "tier"}))
    assert names[-1] == "Absent"
    assert set(names[:2]) == {"Exploited", "Suspended"}


def test_newest_first_goes_by_the_trigger_points_listed_not_a_dismissed_one(world):
    """Absent's only listed trigger point is last month's; a flag dismissed today is not
    in the list, so it does not put Absent first."""
    FlagFactory(
        person=world.absent,
        version=IndicatorVersion.objects.get(indicator__code="tp04"),
        raised_at=timezone.now(),
        dismissed_at=timezone.now(),
        dismissed_by=world.dsl,
        dismissal_reason="known_and_supported",
        sensitivity=Sensitivity.EDUCATION,
    )
    names = listed(client_for(world.dsl).get(LIST, {"sort": "newest"}))
    assert names[-1] == "Absent"


def test_sorts_and_pagination_keep_the_filters(world):
    for sort in ("name", "tier", "count", "newest", "year"):
        assert client_for(world.head).get(LIST, {"sort": sort}).status_code == 200


PAGES = [
    ({}, ["Absent", "Exploited"]),
    ({"page": "2"}, ["Suspended"]),
    ({"page": "9"}, ["Suspended"]),
    ({"page": "0"}, ["Suspended"]),
    ({"page": "99999999999999999999"}, ["Suspended"]),
    ({"page": "first"}, ["Absent", "Exploited"]),
]


def test_each_page_says_how_many_pupils_match_and_logs_only_its_own(world, monkeypatch):
    """The total comes with the page's own rows; a page past the end is the last page,
    anything but a page number the first, as everywhere else in the portal."""
    monkeypatch.setattr("risk.views.flagged_list.PAGE_SIZE", 2)
    client = client_for(world.head)
    for params, expected in PAGES:
        response = client.get(LIST, params)
        assert listed(response) == expected, params
        assert "3 pupils" in response.content.decode(), params
        logged = last_entry().subjects.values_list("person__surname", flat=True)
        assert sorted(logged) == expected, params
    response = client.get(LIST, {"year_group": "7"})
    assert "No pupils match these filters." in response.content.decode()


HOSTILE = [
    {"tier": "extreme"},
    {"school": "99999999999999999999"},
    {"school": "-1"},
    {"q": "a\x00b"},
    {"q": "x" * 500},
    {"raised_since": "yesterday"},
    {"trigger_point": "tp99"},
]


def test_hostile_filters_get_a_clear_400(world):
    client = client_for(world.head)
    for params in HOSTILE:
        response = client.get(LIST, params)
        assert response.status_code == 400, params
        assert "There is a problem" in response.content.decode()


def test_the_csv_names_every_pupil_and_is_logged_as_an_export(world):
    response = client_for(world.head).get(reverse("trigger_points:flagged_csv"), {"trigger_point": "tp01"})
    assert response.status_code == 200
    rows = csv_rows(response)
    assert rows[0] == ["UPN", "Name", "Year group", "Trigger points", "Tier", "Trigger point names"]
    by_name = {r[1]: r for r in rows[1:]}
    assert set(by_name) == {world.absent.full_name, world.suspended.full_name}
    assert by_name[world.suspended.full_name][2:5] == ["10", "tp01 tp04", "Medium"]
    assert by_name[world.absent.full_name][0] == world.absent.upn
    entry = last_entry()
    assert entry.kind == AccessLogEntry.Kind.EXPORT
    assert set(entry.subjects.values_list("person_id", flat=True)) == {world.absent.pk, world.suspended.pk}


def test_the_csv_hides_restricted_codes_from_the_head_teacher(world):
    content = csv_text(client_for(world.head).get(reverse("trigger_points:flagged_csv")))
    assert "tp08" not in content
    assert RESTRICTED_NAME not in content
    assert "other" in content


def test_the_printable_list_holds_every_pupil_and_is_logged(world):
    response = client_for(world.dsl).get(reverse("trigger_points:flagged_print"))
    assert response.status_code == 200
    html = response.content.decode()
    for pupil in (world.absent, world.suspended, world.exploited):
        assert pupil.surname in html
    entry = last_entry()
    assert set(entry.subjects.values_list("person_id", flat=True)) == {
        world.absent.pk,
        world.suspended.pk,
        world.exploited.pk,
    }
    # Paper leaves the portal as a file does: IG looking for exports finds it too, as it
    # finds the chronology's print view.
    assert entry.kind == AccessLogEntry.Kind.EXPORT


def test_listing_either_shows_each_row_its_dismissed_trigger_points_too(world):
    """A pupil listed only for a dismissed trigger point must not appear with none."""
    client = client_for(world.dsl)
    params = {"dismissed": "either", "trigger_point": "tp04"}
    rows = csv_rows(client.get(reverse("trigger_points:flagged_csv"), params))
    by_name = {r[1]: r[3] for r in rows[1:]}
    assert by_name == {world.dismissed.full_name: "tp04(dismissed)", world.suspended.full_name: "tp01 tp04"}
    response = client.get(LIST, params)
    cells = {
        row.person.surname: [(f.code, f.flag.is_dismissed) for f in row.trigger_points]
        for row in response.context["rows"]
    }
    assert cells == {"Dismissed": [("tp04", True)], "Suspended": [("tp01", False), ("tp04", False)]}
    assert response.content.decode().count('govuk-tag--grey">dismissed') == 1


def test_a_printout_of_a_filtered_list_says_it_is_filtered(world):
    """The dashboard's "new this month" and the city overview's links filter by date,
    school or referral alone; a printout of them must not read as the whole list."""
    client = client_for(world.taskforce)
    for params in ({"raised_since": "2000-01-01"}, {"school": world.school.pk}, {"referred": "no"}):
        html = client.get(reverse("trigger_points:flagged_print"), params).content.decode()
        assert "Filtered as on the list" in html, params
    assert (
        "Filtered as on the list." not in client.get(reverse("trigger_points:flagged_print")).content.decode()
    )


def test_a_printout_names_each_filter_in_words(world):
    """Paper at a morning meeting cannot be clicked: "11 pupils, filtered as on the list"
    does not say which 11. The printout names each filter as the list offers it."""
    params = {
        "trigger_point": "tp04",
        "tier": "medium",
        "year_group": "10",
        "fsm": "no",
        "dismissed": "either",
    }
    html = client_for(world.head).get(reverse("trigger_points:flagged_print"), params).content.decode()
    assert (
        "Filtered as on the list: trigger point: tp04 Two or more suspensions; tier: Medium; "
        "year group: Year 10; free school meals: Not eligible; dismissed trigger points: Either." in html
    )
    taskforce = client_for(world.taskforce)
    html = taskforce.get(reverse("trigger_points:flagged_print"), {"referred": "no"}).content.decode()
    assert "Filtered as on the list: referred to SAFE: Not yet referred." in html
