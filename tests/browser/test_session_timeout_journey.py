"""The warning before the idle timeout, in a real browser: it appears on the page the
person is on, is accessible, and "Stay signed in" keeps them on that page with what they
typed. The browser's clock is moved on, and the server's answer about time left is the
one it gives four minutes before the end (the server side is tested in
tests/security/test_session_timeout.py)."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in

NEARLY_OVER = {"signed_in": True, "seconds_left": 240, "can_stay_signed_in": True}


def test_the_warning_appears_on_the_page_and_staying_signed_in_keeps_what_was_typed(page):
    sign_in(page, "dsl@northbridge.example")
    page.clock.install()
    page.goto("/notifications/settings/")
    choice = page.locator("input.govuk-radios__input").last
    choice.check()
    page.evaluate("window.portalNotReloaded = true")
    page.route("**/session/status/", lambda route: route.fulfill(json=NEARLY_OVER))
    page.clock.fast_forward("25:30")

    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("you will be signed out in 4 minutes unless you stay signed in")
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    assert_accessible(page)
    screenshot(page, "session-timeout-warning", full_page=False)

    page.unroute("**/session/status/")
    with page.expect_response("**/session/keep-alive/") as kept:
        dialog.get_by_role("button", name="Stay signed in").click()
    assert kept.value.status == 200
    assert kept.value.json()["seconds_left"] > 25 * 60
    expect(dialog).to_be_hidden()
    assert page.url.endswith("/notifications/settings/")
    assert page.evaluate("window.portalNotReloaded === true"), "the page was not reloaded"
    assert choice.is_checked(), "what the person had chosen is still there"
