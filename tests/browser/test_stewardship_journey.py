"""Data stewardship as its people meet it in the demo city: a data officer finds the
overdue and shrunken feeds on the feed-health page, and an information-governance officer
sees the legal hold and the retention run that kept the held record."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.browser.demo_city import DATA_OFFICER, IG_OFFICER


def test_a_data_officer_sees_which_feeds_have_problems(page):
    sign_in(page, DATA_OFFICER)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Feed health").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feed health")
    expect(page.locator(".govuk-error-summary")).to_contain_text("problem")
    assert_accessible(page)
    screenshot(page, "feed-health", full_page=False)


def test_an_ig_officer_sees_legal_holds_and_retention_runs(page):
    sign_in(page, IG_OFFICER)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Retention").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Retention and legal holds")
    expect(page.get_by_role("heading", name="Legal holds in force")).to_be_visible()
    expect(page.get_by_role("heading", name="Retention runs")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "retention")
