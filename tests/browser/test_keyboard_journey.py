"""The head teacher's main path with the keyboard alone: the skip link, a visible focus
on every link, button and field reached, a tab order that follows the page, and a pupil
found by search and opened without a mouse."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.demo_city import HEAD_TEACHER, pupil_with_partner_and_restricted_events

MAX_TABS = 40

FOCUSED = r"""() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || '').trim(),
    id: el.id,
    visible: style.boxShadow !== 'none' || (style.outlineStyle !== 'none'
      && parseFloat(style.outlineWidth) > 0 && !/rgba\(.*, 0\)|transparent/.test(style.outlineColor)),
    region: el.classList.contains('govuk-skip-link') ? 'skip link' : el.closest('header') ? 'header'
      : el.closest('.portal-account-bar') ? 'account bar' : el.closest('main') ? 'main' : 'other',
  };
}"""


def tab(page) -> dict:
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["visible"], f"no visible focus on {focused}"
    return focused


def tab_until(page, wanted) -> list[dict]:
    """Tabs until `wanted(focused)`; returns everything focused on the way, in order."""
    seen = []
    for _ in range(MAX_TABS):
        seen.append(tab(page))
        if wanted(seen[-1]):
            return seen
    raise AssertionError(f"never reached the wanted element; focused in turn: {seen}")


def test_head_teacher_finds_and_opens_a_pupil_with_the_keyboard_alone(page):
    pupil = pupil_with_partner_and_restricted_events()
    sign_in(page, HEAD_TEACHER)
    expect(page.locator(".portal-account-bar")).to_contain_text("Signed in as")

    skip = tab(page)
    assert skip["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"

    page.goto("/")
    order = tab_until(page, lambda f: f["text"] == "Young people")
    assert [f["text"] for f in order] == [
        "Skip to main content",
        "Northbridge City Council",
        "SAFE portal",
        "Home",
        "Young people",
    ]
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Young people")

    order = tab_until(page, lambda f: f["id"] == "id_q")
    regions = [f["region"] for i, f in enumerate(order) if i == 0 or order[i - 1]["region"] != f["region"]]
    assert regions == ["skip link", "header", "account bar", "main"], (
        "focus follows the page from top to bottom"
    )
    page.keyboard.type(pupil.upn)
    assert tab(page)["text"] == "Search"
    page.keyboard.press("Enter")
    expect(page.get_by_role("table").locator("caption")).to_contain_text("1 young person matching")

    tab_until(page, lambda f: f["text"] == f"{pupil.surname}, {pupil.forename}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(pupil.full_name)
    expect(page.get_by_role("table", name="Recent events, newest first")).to_be_visible()
