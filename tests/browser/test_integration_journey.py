"""An administrator makes the demo's service account a token, an integration uses it
against the API, and the administrator revokes it."""

import json
import urllib.error
import urllib.request

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in

ADMINISTRATOR = "admin@northbridge.example"


def _api(portal, token: str, path: str) -> tuple[int, dict]:
    request = urllib.request.Request(f"{portal.url}{path}", headers={"Authorization": f"Token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_an_administrator_makes_a_token_an_integration_uses_it_and_it_is_revoked(page, portal):
    sign_in(page, ADMINISTRATOR)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    assert_accessible(page)

    page.get_by_label("Service account").select_option(
        label="Northbridge police nightly extract (Data officer)"
    )
    page.get_by_label("What the token is for").fill("Nightly police incidents file")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", name="Token created")).to_be_visible()
    token = page.locator("#new-token").inner_text().strip()
    assert token.startswith("safe_")
    assert_accessible(page)
    screenshot(page, "api-tokens")

    status, me = _api(portal, token, "/api/v1/me/")
    assert (status, me["role"]["code"], me["is_service_account"]) == (200, "data_officer", True)
    status, feeds = _api(portal, token, "/api/v1/feeds/")
    assert status == 200
    assert feeds["count"] > 0
    assert _api(portal, token, "/api/v1/young-people/")[0] == 403

    page.goto("/api-tokens/")
    page.get_by_role("button", name="Revoke “Nightly police incidents file”").click()
    expect(page.locator("body")).to_contain_text("is revoked")
    assert _api(portal, token, "/api/v1/me/")[0] == 401

    # The Django admin, from the administrator's home page: Django's own styles and
    # autocomplete get the portal's accessibility fixes (templates/admin/base_site.html).
    page.goto("/")
    page.get_by_role("link", name="Users, schools and role assignments").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Users, schools and the feed register")
    assert_accessible(page)
    page.goto("/admin/accounts/user/")
    assert_accessible(page)  # the filter's links, 24px high
    page.locator("#result_list tbody th a").first.click()
    page.wait_for_url("**/admin/accounts/user/*/change/")
    assert_accessible(page)  # breadcrumb links underlined
    page.goto("/admin/accounts/schoolassignment/add/")
    expect(page.get_by_role("combobox", name="School")).to_be_visible()
    assert_accessible(page)
