"""A head teacher's trigger points: the school dashboard, a count opened into the list
it counts, the list filtered and downloaded, and a pupil's trigger-point section; a
DSL told of new ones; the taskforce's city overview and fairness figures; and the
administrator's indicator library."""

import re

from playwright.sync_api import expect

from risk.models import DismissalReason
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.browser.demo_city import ADMINISTRATOR, DSL, HEAD_TEACHER, pupils_on_roll, school_of
from tests.csv_download import saved_csv_rows

TASKFORCE = "taskforce@northbridge.example"
JUDGEMENT = "prompts for professional judgement"


def test_head_teacher_goes_from_the_dashboard_to_the_list_and_its_csv(page):
    sign_in(page, HEAD_TEACHER)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Trigger points").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Trigger points at {school_of(HEAD_TEACHER)}")
    expect(page.locator(".govuk-inset-text").first).to_contain_text(JUDGEMENT)
    assert_accessible(page)
    screenshot(page, "head-teacher-dashboard")

    first_count = page.get_by_role("table").nth(1).locator("tbody tr").first
    expected = int(first_count.locator("td a").first.inner_text().split()[0])
    first_count.locator("td a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Flagged pupils at {school_of(HEAD_TEACHER)}")
    caption = page.locator("table.govuk-table caption")
    expect(caption).to_have_text(re.compile(rf"^{expected} pupils?$"))
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this list as CSV").click()
    rows = saved_csv_rows(download.value.path())
    assert rows[0] == ["UPN", "Name", "Year group", "Trigger points", "Tier", "Trigger point names"]
    assert len(rows) == expected + 1

    page.get_by_role("link", name="Clear filters").click()
    page.get_by_label("Sort by").select_option("tier")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table").first.locator("tbody tr").first).to_contain_text("High")
    assert_accessible(page)
    screenshot(page, "head-teacher-flagged-list", full_page=False)

    page.get_by_role("table").first.locator("tbody tr").first.get_by_role("link").first.click()
    section = page.get_by_role("heading", name="Trigger points", exact=True)
    expect(section).to_be_visible()
    expect(page.locator(".govuk-summary-card").first).to_be_visible()
    section.evaluate("heading => heading.scrollIntoView()")
    screenshot(page, "pupil-trigger-points", full_page=False)


def test_the_taskforce_sees_the_city_and_its_schools(page):
    sign_in(page, TASKFORCE)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="City overview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trigger points across the city")
    expect(page.get_by_role("table").first).to_contain_text(school_of(HEAD_TEACHER))
    assert_accessible(page)
    screenshot(page, "taskforce-city-overview")

    # Flagged young people on no school's roll have a row of their own, which opens the
    # list filtered to them, with the filter shown as chosen.
    page.get_by_role("row", name=re.compile("^Not on a school roll")).get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flagged young people not on a school roll")
    expect(page.get_by_label("School roll")).to_have_value("off")
    expect(page.get_by_role("table").first.locator("tbody tr").first).to_contain_text("Not at school")
    assert_accessible(page)
    page.go_back()

    page.get_by_role("link", name="Fairness and the needs assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fairness and the needs assessment")
    on_roll = f"{pupils_on_roll():,}"
    for breakdown in ("sex", "ethnicity group", "SEN provision", "free school meals"):
        rates = page.get_by_role("table", name=f"Flag rates by {breakdown}")
        expect(rates.get_by_role("row", name=re.compile("^All pupils on roll"))).to_contain_text(on_roll)
        expect(rates).to_contain_text(re.compile(r"\d\.\d\d \(\d\.\d\d to \d\.\d\d\)"))
        # Each chart's figures are also a table, for anyone who cannot see the chart.
        expect(page.get_by_role("figure", name=f"Rate ratio by {breakdown}")).to_be_visible()
        chart_data = page.get_by_role("table", name=f"Rate ratio by {breakdown}: the data")
        expect(chart_data.locator("tbody tr").first).to_be_visible()
    assert_accessible(page)
    csv_link = page.get_by_role("link", name="Download the needs assessment as CSV")
    screenshot(page, "fairness", until=csv_link)

    with page.expect_download() as download:
        csv_link.click()
    rows = saved_csv_rows(download.value.path())
    assert rows[0] == ["Breakdown", "Group", "Young people", "Note"]
    assert ["School", school_of(HEAD_TEACHER)] in [row[:2] for row in rows]


def test_the_taskforce_reads_its_review_queue_and_how_each_indicator_has_fared(page):
    """The demo's taskforce reviews each night's flags: the queue holds the last runs'
    and the outcomes page counts what was confirmed and dismissed, and why."""
    sign_in(page, TASKFORCE)
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Trigger points to review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trigger points waiting for review")
    expect(page.locator(".govuk-inset-text").first).to_contain_text(JUDGEMENT)
    assert_accessible(page)
    screenshot(page, "taskforce-review-queue")

    menu.get_by_role("link", name="Indicators").click()
    page.get_by_role("link", name="How each indicator's flags have fared").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How each indicator's flags have fared")
    reasons = "|".join(re.escape(label) for label in DismissalReason.labels)
    expect(page.get_by_role("table")).to_contain_text(re.compile(rf"({reasons}): \d+"))
    assert_accessible(page)
    screenshot(page, "trigger-point-outcomes")


def test_a_dsl_is_told_of_new_trigger_points_in_the_portal(page):
    sign_in(page, DSL)
    page.locator(".portal-account-bar").get_by_role("link", name=re.compile("^Notifications")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    unread = page.locator(".govuk-tag", has_text="New")
    new_flag = page.get_by_role("row").filter(has_text="A pupil has a new trigger point").filter(has=unread)
    expect(new_flag.first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "dsl-notifications", full_page=False)

    pupil = new_flag.first.get_by_role("cell").last.inner_text().strip()
    new_flag.first.get_by_role("link", name="A pupil has a new trigger point").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(pupil)
    expect(page.get_by_role("heading", name="Trigger points", exact=True)).to_be_visible()


def test_an_administrator_reads_the_indicator_library_and_opens_a_rule_to_edit(page):
    sign_in(page, ADMINISTRATOR)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Indicators").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trigger-point indicators")
    library = page.get_by_role("table", name="Indicators")
    exploitation = library.get_by_role("row", name=re.compile("^tp08"))
    expect(exploitation).to_contain_text("Exploitation intelligence")
    expect(exploitation).to_contain_text("Needs review before schools see it")
    expect(page.get_by_role("link", name="Add an indicator")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "indicator-library")

    exploitation.get_by_role("link", name="tp08").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exploitation intelligence")
    page.get_by_role("link", name="Edit (adds a version)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit tp08 Exploitation intelligence")
    # The rule builder opens on the current version's rule, without a line of code.
    expect(page.get_by_label("Rule type").first.locator("option:checked")).to_have_text(
        "Events of given categories within a window"
    )
    expect(page.get_by_label("Police intelligence").first).to_be_checked()
    markers = page.get_by_label("is one of", exact=True).first
    expect(markers).to_have_value(re.compile("CCE.*CSE.*COUNTY"))
    assert_accessible(page)
    screenshot(page, "indicator-rule-builder", until=markers)
