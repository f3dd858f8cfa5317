"""What anyone meets before signing in, checked in a real browser."""

import re

from tests.browser.conftest import assert_accessible, authenticator_code, screenshot


def test_the_sign_in_page_is_styled_accessible_and_unbranded(page):
    page.goto("/sign-in/")
    assert page.title() == "Sign in – SAFE portal – Northbridge City Council"
    header = page.locator("header.govuk-header")
    assert "Northbridge City Council" in header.inner_text()
    assert header.locator("svg").count() == 0, "no crown or logotype in the header"
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "system-ui" in font
    assert "GDS Transport" not in font
    assert_accessible(page)
    screenshot(page, "sign-in")


def test_the_privacy_notice_lists_the_registered_feeds(page):
    page.goto("/privacy/")
    assert page.get_by_role("heading", name="Privacy notice").is_visible()
    table = page.locator("table.govuk-table")
    assert "School census" in table.inner_text()
    assert "Police intelligence" in table.inner_text()
    assert_accessible(page)


def test_keyboard_alone_reaches_main_content_and_signs_in(page):
    page.goto("/sign-in/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert (
        page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        or page.evaluate("getComputedStyle(document.activeElement).boxShadow") != "none"
    ), "focus must be visible"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"

    page.get_by_label("Email address").focus()
    page.keyboard.type("head.teacher@northbridge.example")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type("demo-password-2026")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Sign in"
    page.keyboard.press("Enter")

    page.wait_for_url("**/two-factor/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Enter the code from your authenticator app"
    assert_accessible(page)
    screenshot(page, "two-factor-code")
    page.get_by_label("Code", exact=True).focus()
    page.keyboard.type(authenticator_code("head.teacher@northbridge.example"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(#main-content)?$"))
    assert "Signed in as" in page.locator(".portal-account-bar").inner_text()
