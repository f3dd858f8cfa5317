"""The accessibility statement promises zoom to 400% without text spilling off the
screen (WCAG 2.2 SC 1.4.10 Reflow): at 320 CSS px wide, a phone or a 1280 px screen at
400%, no page scrolls sideways; a wide table scrolls inside its own focusable, named box
(portal/templatetags/tables.py). And the printouts people take to meetings fit A4
portrait, carry no screen controls, and say what they are."""

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import assert_accessible, sign_in, uk_context
from tests.browser.demo_city import (
    ADMINISTRATOR,
    DATA_OFFICER,
    DSL,
    HEAD_TEACHER,
    IG_OFFICER,
    TASKFORCE,
    WORKER,
    pupil_with_partner_and_restricted_events,
)

NARROW = {"width": 320, "height": 640}
# A4 portrait is 210 mm, 794 CSS px; Chromium prints with about 10 mm margins each side.
A4_PORTRAIT = {"width": 718, "height": 1000}

LAYOUT = """() => {
  const de = document.documentElement;
  return {
    pageScrolls: de.scrollWidth > de.clientWidth,
    tables: [...document.querySelectorAll('main table')].map(table => {
      const box = table.closest('.portal-table-region');
      return {
        caption: table.caption ? table.caption.innerText.slice(0, 60) : table.innerText.slice(0, 60),
        wrapped: !!box && box.getAttribute('role') === 'region'
          && !!(box.getAttribute('aria-label') || '').trim(),
        scrolls: !!box && box.scrollWidth > box.clientWidth,
        tabStop: !!box && box.getAttribute('tabindex') === '0',
        edgeShadows: !!box && getComputedStyle(box).backgroundImage.split('radial-gradient').length === 3,
      };
    }),
  };
}"""

SETTLED = """() => [...document.querySelectorAll('.portal-table-region')].every(
  box => (box.scrollWidth > box.clientWidth) === (box.getAttribute('tabindex') === '0'))"""

SCREEN_ONLY = (
    "header.govuk-header, nav, footer, button, .govuk-button, .portal-account-bar, "
    ".govuk-phase-banner, .govuk-back-link, .govuk-pagination, .portal-timeout-dialog"
)
PRINTED = """(screenOnly) => {
  const de = document.documentElement;
  const all = (selector) => [...document.querySelectorAll(selector)];
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  return {
    pageScrolls: de.scrollWidth > de.clientWidth,
    tablesCut: all('table').filter(t => t.getBoundingClientRect().right > de.clientWidth).length,
    headsRepeat: all('thead').every(h => getComputedStyle(h).display === 'table-header-group'),
    rowsWhole: all('tbody tr').every(r => getComputedStyle(r).breakInside === 'avoid'),
    controls: all(screenOnly).filter(shown).map(el => el.outerHTML.slice(0, 80)),
    text: document.body.innerText,
  };
}"""


@pytest.fixture(scope="module")
def signed_in(browser, portal):
    """One signed-in page per person for the whole module, at 320 px: signing in again
    would wait for the next authenticator code."""
    pages = {}

    def page_for(email: str):
        if email not in pages:
            page = uk_context(browser, portal, viewport=NARROW).new_page()
            sign_in(page, email)
            pages[email] = page
        return pages[email]

    yield page_for
    for page in pages.values():
        page.context.close()


def narrow_pages() -> dict[str, list[str]]:
    pupil = pupil_with_partner_and_restricted_events().id
    return {
        HEAD_TEACHER: [
            "/",
            "/trigger-points/school/",
            "/trigger-points/pupils/",
            "/young-people/",
            "/referrals/",
            "/notifications/",
            "/access-log/",  # refused: the error page
            "/young-people/999999/",  # not found
        ],
        DSL: [f"/young-people/{pupil}/", f"/young-people/{pupil}/chronology/"],
        TASKFORCE: [
            "/referrals/queue/",
            "/interventions/",
            "/interventions/scorecards/",
            "/trigger-points/city/",
            "/trigger-points/pupils/",
            "/trigger-points/review/",
            "/feed-health/",
        ],
        IG_OFFICER: [
            "/access-log/entries/",
            "/access-log/anomalies/",
            "/trigger-points/fairness/",
            "/trigger-points/indicators/",
            "/retention/",
            "/feed-register/",
        ],
        WORKER: ["/interventions/"],
        DATA_OFFICER: ["/feeds/", "/review-queue/"],
        ADMINISTRATOR: ["/api-tokens/"],
    }


def layout_problems(page) -> tuple[list[str], int]:
    """What is wrong with the page at its width, and how many of its table boxes scroll."""
    # The boxes' tab stops follow their size (static/src/init.js); a late resize is
    # judged a frame later, so a wrong stop is reported only if it stays wrong.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(SETTLED, timeout=3000)
    layout = page.evaluate(LAYOUT)
    problems = [f"{page.url}: the page scrolls sideways"] if layout["pageScrolls"] else []
    problems += [
        f"{page.url}: table {t['caption']!r} is not in a named region"
        for t in layout["tables"]
        if not t["wrapped"]
    ]
    # A box is a tab stop exactly when its table scrolls (static/src/init.js).
    problems += [
        f"{page.url}: table {t['caption']!r} scrolls={t['scrolls']} but tab stop={t['tabStop']}"
        for t in layout["tables"]
        if t["wrapped"] and t["scrolls"] != t["tabStop"]
    ]
    problems += [
        f"{page.url}: table {t['caption']!r} scrolls with nothing to show it goes on sideways"
        for t in layout["tables"]
        if t["scrolls"] and not t["edgeShadows"]
    ]
    return problems, sum(t["scrolls"] for t in layout["tables"])


def test_no_page_scrolls_sideways_at_320_px_and_wide_tables_scroll_in_their_own_box(
    browser, portal, signed_in
):
    problems, scrolling = [], 0

    # Before signing in: the public pages (the privacy notice has a wide table), the
    # sign-in page and its second step.
    anonymous = uk_context(browser, portal, viewport=NARROW).new_page()
    for path in ("/accessibility/", "/privacy/"):
        anonymous.goto(path)
        found, _ = layout_problems(anonymous)
        problems += found
    anonymous.goto("/sign-in/")
    found, _ = layout_problems(anonymous)
    problems += found
    anonymous.get_by_label("Email address").fill(TASKFORCE)
    anonymous.get_by_label("Password").fill("demo-password-2026")
    anonymous.get_by_role("button", name="Sign in").click()
    anonymous.wait_for_url("**/two-factor/**")
    found, _ = layout_problems(anonymous)
    problems += found
    anonymous.context.close()

    for email, paths in narrow_pages().items():
        page = signed_in(email)
        for path in paths:
            page.goto(path)
            found, scrolls = layout_problems(page)
            problems += found
            scrolling += scrolls
    assert not problems, "\n".join(problems)
    assert scrolling >= 10, "the wide tables at 320 px scroll inside their boxes"

    # The widest table, the feed list: the keyboard scrolls its box, and axe is content.
    page = signed_in(TASKFORCE)
    page.goto("/feed-health/")
    box = page.get_by_role("region", name="Feeds")
    box.focus()
    page.keyboard.press("ArrowRight")
    # Chromium scrolls by the keyboard smoothly, over a few frames: asked at once, the box
    # has not moved yet.
    page.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle(), timeout=5000)
    assert box.evaluate("el => el.scrollLeft") > 0, "the arrow keys scroll a focused table box"
    assert_accessible(page)

    # On a wide screen the fairness page's tables fit, so none of them is an empty tab stop.
    page = signed_in(IG_OFFICER)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/trigger-points/fairness/")
    stops = page.locator(".portal-table-region").evaluate_all("boxes => boxes.map(b => b.tabIndex)")
    assert stops, "the fairness page has tables"
    assert set(stops) == {-1}, stops


def test_the_print_views_fit_a4_portrait_without_screen_controls_and_say_what_they_are(signed_in):
    pupil = pupil_with_partner_and_restricted_events()
    printouts = [
        (
            TASKFORCE,
            "/trigger-points/pupils/print/",
            [r"Flagged young people", r"Printed \d+ \w+ \d{4}, \d\d:\d\d by Tom Ellery"],
        ),
        (TASKFORCE, "/trigger-points/pupils/print/?tier=high", [r"Filtered as on the list"]),
        (TASKFORCE, "/trigger-points/pupils/", [r"Flagged young people"]),
        (TASKFORCE, "/trigger-points/city/", [r"Trigger points across the city"]),
        (
            DSL,
            f"/young-people/{pupil.id}/chronology/print/",
            [
                rf"Chronology: {re.escape(pupil.full_name)}",
                r"Printed by\s+Daniel Okoro \(Designated safeguarding lead\)",
                r"Printed on\s+\d+ \w+ \d{4}, \d\d:\d\d",
                r"OFFICIAL-SENSITIVE",
            ],
        ),
    ]
    problems = []
    for email, path, says in printouts:
        page = signed_in(email)
        page.set_viewport_size(A4_PORTRAIT)
        page.emulate_media(media="print")
        page.goto(path)
        printed = page.evaluate(PRINTED, SCREEN_ONLY)
        where = f"{path} printed by {email}"
        if printed["pageScrolls"] or printed["tablesCut"]:
            problems.append(f"{where}: wider than A4 portrait")
        if not (printed["headsRepeat"] and printed["rowsWhole"]):
            problems.append(f"{where}: table headings do not repeat, or rows split across pages")
        problems += [f"{where}: shows {control}" for control in printed["controls"]]
        problems += [
            f"{where}: does not say {said!r}" for said in says if not re.search(said, printed["text"])
        ]
        assert page.pdf(format="A4")[:4] == b"%PDF"
        page.emulate_media(media="screen")
        page.set_viewport_size(NARROW)
    assert not problems, "\n".join(problems)
