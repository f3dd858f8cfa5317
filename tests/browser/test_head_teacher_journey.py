"""A head teacher's morning: sign in, find a pupil by name and by UPN, read their record
at head-teacher detail (partner events as category and date, restricted events as one
line that says only that they exist)."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.browser.demo_city import HEAD_TEACHER, pupil_with_partner_and_restricted_events

RESTRICTED_LINE = "Restricted information exists — contact the SAFE taskforce."


def nav_labels(page) -> list[str]:
    return page.get_by_role("navigation", name="Menu").get_by_role("link").all_inner_texts()


def test_head_teacher_browses_searches_and_reads_a_pupil(page):
    pupil = pupil_with_partner_and_restricted_events()

    sign_in(page, HEAD_TEACHER)
    expect(page.locator(".portal-account-bar")).to_contain_text("Signed in as Helen Marsh (Head teacher)")
    assert nav_labels(page)[:2] == ["Home", "Young people"]
    assert {"Trigger points", "Flagged pupils", "Referrals"} <= set(nav_labels(page))
    assert_accessible(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Young people").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Young people")
    expect(page.get_by_role("link", name="Young people")).to_have_attribute("aria-current", "page")
    pupils = page.locator("table.govuk-table").first
    expect(pupils.locator("caption")).to_contain_text("young people")
    schools = set(pupils.locator("tbody tr td:nth-child(4)").all_inner_texts())
    assert schools == {pupil.school}, "a head teacher's list holds only their own school's pupils"
    assert_accessible(page)
    screenshot(page, "head-teacher-pupil-list", full_page=False)

    search = page.get_by_label("Search by name or UPN")
    search.fill(pupil.full_name)
    page.get_by_role("button", name="Search").click()
    expect(pupils.locator("caption")).to_contain_text(f"matching “{pupil.full_name}”")
    expect(pupils.get_by_role("link", name=f"{pupil.surname}, {pupil.forename}")).to_be_visible()
    assert_accessible(page)

    search.fill(pupil.upn.lower())
    page.get_by_role("button", name="Search").click()
    expect(pupils.locator("caption")).to_have_text(f"1 young person matching “{pupil.upn.lower()}”")
    expect(pupils.locator("tbody tr")).to_have_count(1)
    expect(pupils.locator("tbody tr")).to_contain_text(pupil.upn)

    pupils.get_by_role("link", name=f"{pupil.surname}, {pupil.forename}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(pupil.full_name)
    identity = page.locator("dl.govuk-summary-list")
    expect(identity).to_contain_text(pupil.upn)
    expect(identity).to_contain_text(pupil.date_of_birth.strftime("%-d %B %Y"))
    expect(identity.locator(".govuk-summary-list__row", has_text="Current school")).to_contain_text(
        pupil.school
    )

    expect(page.get_by_role("heading", name="Family")).to_be_visible()
    expect(page.get_by_role("table", name="Family members").locator("tbody tr").first).to_be_visible()

    events = page.get_by_role("table", name="Recent events, newest first")
    own_partner_event = events.locator("tbody tr", has_text="This young person").filter(
        has_text="Details held by a partner agency"
    )
    expect(own_partner_event.first.locator("td")).to_have_text(
        [
            re.compile(r"^\d{1,2} \w{3} \d{4}$"),
            re.compile(r"\w"),
            "This young person",
            "Details held by a partner agency",
        ]
    )
    expect(events).not_to_contain_text(pupil.partner_summary)

    restricted = page.locator(".govuk-warning-text", has_text="Restricted information")
    expect(restricted).to_have_count(1)
    expect(restricted.locator("strong")).to_have_text(
        re.compile(rf"^Warning\s*{re.escape(RESTRICTED_LINE)}$")
    )
    assert_accessible(page)
    screenshot(page, "pupil-head-teacher")
