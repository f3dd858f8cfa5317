"""A head teacher's trigger points: the school dashboard, a count opened into the list
it counts, the list filtered and downloaded, and a pupil's trigger-point section; and
the taskforce's city overview."""

import csv
import io
import re

from playwright.sync_api import expect

from risk.models import DismissalReason
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.browser.demo_city import HEAD_TEACHER, school_of

TASKFORCE = "taskforce@northbridge.example"
JUDGEMENT = "prompts for professional judgement"


def test_head_teacher_goes_from_the_dashboard_to_the_list_and_its_csv(page):
    sign_in(page, HEAD_TEACHER)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Trigger points").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trigger points at your school")
    expect(page.locator(".govuk-inset-text").first).to_contain_text(JUDGEMENT)
    assert_accessible(page)
    screenshot(page, "head-teacher-dashboard")

    first_count = page.get_by_role("table").nth(1).locator("tbody tr").first
    expected = int(first_count.locator("td a").first.inner_text().split()[0])
    first_count.locator("td a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flagged pupils")
    caption = page.locator("table.govuk-table caption")
    expect(caption).to_have_text(re.compile(rf"^{expected} pupils?$"))
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this list as CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text())))
    assert rows[0] == ["UPN", "Name", "Year group", "Trigger points", "Tier"]
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
    assert_accessible(page)


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
