"""Browser tests: Playwright (Python) driving Debian's Chromium against a real portal
server with a small demo city. Playwright's own browser download does not work here,
so the system Chromium is launched by path."""

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from tests.browser.portal_server import CODES_AHEAD, PortalServer

ROOT = Path(__file__).resolve().parents[2]
# The tests always take their screenshots; they replace the committed ones in
# docs/screenshots/ only when asked (`make screenshots`), so a test run leaves the
# working tree clean.
SCREENSHOTS = ROOT / ("docs/screenshots" if os.environ.get("UPDATE_SCREENSHOTS") else ".tmp/screenshots")
AXE = ROOT / "static" / "build" / "axe.min.js"
DEMO_PASSWORD = "demo-password-2026"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BRITISH = Path("/usr/lib/chromium/locales/en-GB.pak")
"""Debian's Chromium in British English (chromium-l10n): a date field shows the format of
the browser's own language, which the context's `locale` does not change."""


def pytest_collection_modifyitems(items):
    """Marks the journeys `browser`. Under pytest-xdist they all run on one worker
    (tests/conftest.py, `pytest_xdist_make_scheduler`): they share one portal server and
    its demo city (built once, and changed by the journeys in turn), its database (named
    after DATABASE_URL, not after the worker), the screenshots' folder, and the record of
    which authenticator codes were used (`authenticator_code`)."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# Both end with the journeys (package scope), not with the session: while Playwright's
# sync API is open its event loop runs in this thread, and Django then refuses database
# work ("you cannot call this from an async context"). Under pytest-xdist the journeys'
# worker goes on to run database tests (tests/conftest.py, pytest_xdist_make_scheduler).
@pytest.fixture(scope="package")
def portal(tmp_path_factory):
    server = PortalServer(tmp_path_factory.mktemp("portal")).start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: `make test` installs it (apt-get install chromium).")
    if not BRITISH.exists():
        pytest.fail(
            "Chromium has no British English: `make test` installs it (apt-get install chromium-l10n)."
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            env={**os.environ, "LANGUAGE": "en_GB"},  # Chromium's own language, on Linux
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def uk_context(browser, portal, **options):
    """A fresh browser context (its own cookies) on the portal. The portal's users are in
    the UK: dates as they read them, in their time zone, whatever the machine's; a journey
    that needs another size of window passes its own `viewport`."""
    defaults = {"viewport": {"width": 1280, "height": 900}, "accept_downloads": True}
    return browser.new_context(
        base_url=portal.url, locale="en-GB", timezone_id="Europe/London", **(defaults | options)
    )


@pytest.fixture
def open_page(browser, portal):
    """Opens a page in a fresh browser context, for journeys in which several people take
    turns; all are closed after the test."""
    contexts = []

    def open_page():
        context = uk_context(browser, portal)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Signs in as a person does: password, then the code from their authenticator app."""
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/two-factor/**")
    page.get_by_label("Code", exact=True).fill(authenticator_code(email))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)


def fill_date(page, legend: str, day) -> None:
    """Types a date as a person does in GOV.UK's date input: day, month and year boxes in
    the fieldset named by its legend."""
    group = page.get_by_role("group", name=legend, exact=True)
    for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        group.get_by_label(part).fill(str(value))


def date_boxes(page, legend: str) -> list[str]:
    """What the day, month and year boxes of the date named `legend` hold."""
    group = page.get_by_role("group", name=legend, exact=True)
    return [group.get_by_label(part).input_value() for part in ("Day", "Month", "Year")]


_last_step: dict[str, int] = {}


def authenticator_code(email: str) -> str:
    """The demo user's code (portal.demo.users derives their keys from the email). The
    portal accepts each 30-second code once, and the test server's up to CODES_AHEAD steps
    early, so a test that signs the same person in again soon takes the next code, or
    waits for the clock once that is too far ahead."""
    from portal.demo.users import demo_totp_key, totp_code

    now = int(time.time() // 30)
    step = max(now, _last_step.get(email, now - 1) + 1)
    if step > now + CODES_AHEAD:
        time.sleep((step - CODES_AHEAD) * 30 - time.time() + 0.5)
    _last_step[email] = step
    return totp_code(demo_totp_key(email), at=step * 30)


def assert_accessible(page) -> None:
    """No serious or critical axe-core violations against WCAG 2.2 A and AA."""
    # Loaded as a file of the portal's own, which the Content-Security-Policy allows; an
    # inline copy would be refused like any other inline script.
    assert AXE.exists(), "axe-core is built into static/build/ by `npm run build`"
    # A page whose navigation has begun but not loaded has no head to add the script to.
    page.wait_for_load_state("load")
    page.add_script_tag(url="/static/build/axe.min.js")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    bad = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, f"{page.url}: {json.dumps(bad, indent=1)}"


def screenshot(page, name: str, *, full_page: bool = True, until=None) -> None:
    """For docs/screenshots.md. A long list is better shown by its first screenful; a
    long page whose first screenful would cut off what it is for (a form, or charts
    with their tables) is shown from its top down to the element `until`."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = str(SCREENSHOTS / f"{name}.png")
    if until is None:
        page.screenshot(path=path, full_page=full_page)
        return
    box = until.bounding_box()
    bottom = page.evaluate("window.scrollY") + box["y"] + box["height"] + 20
    clip = {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": bottom}
    page.screenshot(path=path, full_page=True, clip=clip)
