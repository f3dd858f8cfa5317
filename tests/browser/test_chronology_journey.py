"""A case meeting's preparation: the DSL opens a pupil's chronology from their record,
filters it, prints it and downloads it; the head teacher sees the same chronology at
head-teacher detail."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.browser.demo_city import DSL, HEAD_TEACHER, pupil_with_partner_and_restricted_events

RESTRICTED_LINE = "Restricted information exists — contact the SAFE taskforce."


def test_dsl_reads_filters_prints_and_downloads_a_chronology(open_page):
    pupil = pupil_with_partner_and_restricted_events()
    page = open_page()
    sign_in(page, DSL)
    page.goto(f"/young-people/{pupil.id}/")
    page.get_by_role("link", name="Open the full chronology").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chronology")
    entries = page.locator("table.portal-chronology")
    expect(entries).to_contain_text(pupil.partner_summary)
    expect(page.get_by_text(RESTRICTED_LINE)).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "chronology-dsl", full_page=False)

    first_category = page.locator("input[name=category]").first
    code = first_category.get_attribute("value")
    first_category.check()
    page.get_by_role("radio", name="Oldest first").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("input[name=category]:checked")).to_have_attribute("value", code)
    assert "order=oldest" in page.url
    expect(page.locator("input[name=category]:checked")).to_have_count(1)

    page.get_by_role("link", name="Print view for a case meeting").click()
    expect(page.locator("body")).to_contain_text("OFFICIAL-SENSITIVE")
    expect(page.locator("body")).to_contain_text("Printed by")
    expect(page.locator("header.govuk-header")).to_have_count(0)
    assert_accessible(page)
    page.go_back()

    page.goto(f"/young-people/{pupil.id}/chronology/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these entries (CSV)").click()
    exported = download.value.path().read_text(encoding="utf-8")
    assert pupil.partner_summary in exported


def test_head_teacher_sees_the_chronology_at_head_teacher_detail(open_page):
    pupil = pupil_with_partner_and_restricted_events()
    page = open_page()
    sign_in(page, HEAD_TEACHER)
    page.goto(f"/young-people/{pupil.id}/chronology/")
    expect(page.get_by_text(RESTRICTED_LINE)).to_be_visible()
    expect(page.locator("table.portal-chronology")).not_to_contain_text(pupil.partner_summary)
    expect(page.locator("table.portal-chronology")).to_contain_text("Details held by a partner agency")
    assert_accessible(page)
    screenshot(page, "chronology-head-teacher", full_page=False)
