"""What a pupil's record shows depends on who asks (DESIGN.md section 5): the DSL reads
partner agencies' summaries the head teacher sees only as category and date, and the
head teacher of another school learns nothing, not even that the pupil exists."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.browser.demo_city import (
    DSL,
    HEAD_TEACHER,
    OTHER_HEAD_TEACHER,
    pupil_with_partner_and_restricted_events,
    school_of,
)


def events_table(page):
    return page.get_by_role("table", name="Recent events, newest first")


def test_the_dsl_reads_partner_detail_the_head_teacher_does_not(open_page):
    pupil = pupil_with_partner_and_restricted_events()
    record = f"/young-people/{pupil.id}/"

    dsl = open_page()
    sign_in(dsl, DSL)
    expect(dsl.locator(".portal-account-bar")).to_contain_text("(Designated safeguarding lead)")
    assert_accessible(dsl)
    dsl.goto(record)
    expect(dsl.get_by_role("heading", level=1)).to_have_text(pupil.full_name)
    expect(dsl.locator(".govuk-inset-text")).to_contain_text("Partner-agency entries are shown in full")
    expect(events_table(dsl)).to_contain_text(pupil.partner_summary)
    expect(events_table(dsl)).to_contain_text("Source:")
    expect(dsl.get_by_text("Restricted information exists")).to_have_count(0)
    assert_accessible(dsl)
    screenshot(dsl, "pupil-dsl")

    head = open_page()
    sign_in(head, HEAD_TEACHER)
    head.goto(record)
    expect(head.get_by_role("heading", level=1)).to_have_text(pupil.full_name)
    expect(events_table(head)).not_to_contain_text(pupil.partner_summary)
    expect(head.get_by_text("Restricted information exists")).to_have_count(1)


def test_another_schools_head_teacher_gets_a_page_that_reveals_nothing(page):
    pupil = pupil_with_partner_and_restricted_events()
    assert school_of(OTHER_HEAD_TEACHER) != pupil.school

    sign_in(page, OTHER_HEAD_TEACHER)
    expect(page.locator(".portal-account-bar")).to_contain_text("Signed in as")
    assert_accessible(page)
    response = page.goto(f"/young-people/{pupil.id}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert page.title() == "Page not found – SAFE portal – Northbridge City Council"
    shown = page.content()
    dob = pupil.date_of_birth
    for secret in (
        pupil.forename,
        pupil.surname,
        pupil.upn,
        dob.isoformat(),
        dob.strftime("%-d %B %Y"),
        dob.strftime("%-d %b %Y"),
        pupil.school,
    ):
        assert secret not in shown, f"the not-found page reveals {secret!r}"
    assert_accessible(page)
