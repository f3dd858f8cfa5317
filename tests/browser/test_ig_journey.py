"""An information-governance officer opens the anomalies waiting for review from their
home page, then answers "who has seen this child?": the head teacher's and the DSL's
views of a pupil are in the access log, on the young person's history page and in the
CSV downloaded for a subject access request."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from portal.demo.record_views import BREAK_GLASS_REASON
from tests.browser.conftest import assert_accessible, date_boxes, screenshot, sign_in
from tests.browser.demo_city import (
    DSL,
    HEAD_TEACHER,
    IG_OFFICER,
    WORKER,
    pupil_with_partner_and_restricted_events,
)
from tests.csv_download import saved_csv_dicts

LONDON = ZoneInfo("Europe/London")
VIEWERS = {HEAD_TEACHER: "Helen Marsh", DSL: "Daniel Okoro"}


def view_record(open_page, email: str, person_id: int) -> None:
    page = open_page()
    sign_in(page, email)
    expect(page.locator(".portal-account-bar")).to_contain_text("Signed in as")
    page.goto(f"/young-people/{person_id}/")
    expect(page.get_by_role("heading", name="Recent events")).to_be_visible()


def test_ig_finds_who_has_seen_a_child_and_downloads_it(open_page):
    pupil = pupil_with_partner_and_restricted_events()
    for email in VIEWERS:
        view_record(open_page, email, pupil.id)

    page = open_page()
    sign_in(page, IG_OFFICER)
    expect(page.locator(".portal-account-bar")).to_contain_text("(Information-governance officer)")
    expect(page.get_by_role("heading", name="Waiting for your review")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "ig-home")
    page.get_by_role("link", name=re.compile("break-glass views.*see the anomalies", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anomalies to review")
    anomalies = page.get_by_role("table", name=re.compile(r"anomal(y|ies), newest first"))
    # The demo's morning: a taskforce officer's break-glass view, with its reason, and the
    # second head teacher refused a pupil of the other school.
    expect(anomalies.get_by_role("row").filter(has_text="Break-glass view").first).to_contain_text(
        BREAK_GLASS_REASON
    )
    expect(anomalies.get_by_role("row").filter(has_text="Refused attempt").first).to_contain_text(
        "Refused because"
    )
    # The month before, whatever day the demo was seeded: the DSL's evening of more
    # records than the threshold, and the worker locked out after mistyped passwords.
    expect(anomalies.get_by_role("row").filter(has_text="people in an hour")).to_contain_text("Daniel Okoro")
    expect(anomalies.get_by_role("row").filter(has_text="Sign-in locked out")).to_contain_text(WORKER)
    # The period listed, in the fields that choose it.
    today = datetime.now(LONDON).date()
    assert date_boxes(page, "To") == [str(today.day), str(today.month), str(today.year)]
    assert_accessible(page)
    screenshot(page, "ig-anomalies")
    page.get_by_label("Include reviewed anomalies").check()
    page.get_by_role("button", name="Show").click()
    reviewed = page.get_by_role("row").filter(has_text="Reviewed")
    expect(reviewed).to_contain_text("Access outside working hours")
    expect(reviewed).to_contain_text("on call that weekend")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Access log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Access log")
    assert_accessible(page)

    page.get_by_label("Young person").fill(pupil.upn)
    page.get_by_label("Kind of access").select_option(label="Viewed a record")
    page.get_by_role("button", name="Search the access log").click()
    entries = page.get_by_role("table", name=re.compile(r"entr(y|ies), newest first"))
    for name in VIEWERS.values():
        expect(entries.locator("tbody tr", has_text=name).first).to_contain_text("Viewed a record")
    expect(entries).to_contain_text(pupil.upn)
    assert_accessible(page)

    page.goto("/access-log/")
    lookup = page.locator("form", has=page.get_by_role("button", name="Find young person"))
    lookup.get_by_label("Name").fill(pupil.full_name)
    lookup.get_by_role("button", name="Find young person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a young person")
    assert_accessible(page)
    page.get_by_role("link", name=pupil.full_name).click()

    expect(page.locator(".govuk-caption-l")).to_have_text("Who has seen this young person's record")
    expect(page.get_by_role("heading", level=1)).to_have_text(pupil.full_name)
    history = page.get_by_role("table", name=re.compile(r"newest first"))
    for name in VIEWERS.values():
        expect(history.locator("tbody tr", has_text=name).first).to_contain_text("Viewed a record")
    assert_accessible(page)
    screenshot(page, "ig-who-has-seen-this-child")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download the full history")).click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"access-to-person-{pupil.id}-")
    rows = saved_csv_dicts(download.path())
    assert list(rows[0]) == [
        "When",
        "Who",
        "Account",
        "Kind",
        "Page",
        "Route",
        "Path",
        "Address",
        "Break-glass reason",
    ]
    for email, name in VIEWERS.items():
        assert any(
            r["Who"] == name
            and r["Account"] == email
            and r["Kind"] == "Viewed a record"
            and r["Path"] == f"/young-people/{pupil.id}/"
            for r in rows
        ), f"{name}'s view is not in the download"
