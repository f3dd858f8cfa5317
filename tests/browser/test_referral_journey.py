"""From a head teacher's referral to the taskforce's allocation to a worker's session,
each in their own browser, with the pages checked for accessibility on the way."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fill_date, screenshot, sign_in
from tests.browser.demo_city import (
    HEAD_TEACHER,
    TASKFORCE,
    WORKER,
    closed_intervention_with_improved_attendance,
    unreferred_pupil_of,
)


def test_a_referral_goes_from_school_to_taskforce_to_worker(open_page):
    pupil_id, name = unreferred_pupil_of(HEAD_TEACHER)
    head = open_page()
    sign_in(head, HEAD_TEACHER)
    head.goto(f"/young-people/{pupil_id}/")
    head.get_by_role("link", name="Refer to SAFE").click()
    expect(head.get_by_role("heading", level=1)).to_have_text(f"Refer {name} to the SAFE taskforce")
    head.get_by_label("Why are you referring this young person?").fill(
        "Seen with older teenagers near the station during school hours."
    )
    head.get_by_label("What does the young person know about this referral?").fill("That we are worried.")
    head.get_by_label("Consent given").check()
    head.get_by_label("If consent was given: who gave it?").fill("His mother")
    head.get_by_label("Urgent: within 2 working days").check()
    head.get_by_label("How can the taskforce contact you?").fill("01632 960123")
    assert_accessible(head)
    screenshot(head, "referral-form")
    head.get_by_role("button", name="Send to the taskforce").click()
    expect(head.locator(".govuk-notification-banner")).to_contain_text("Referral sent to the SAFE taskforce")
    expect(head.locator(".govuk-summary-list")).to_contain_text("New")

    officer = open_page()
    sign_in(officer, TASKFORCE)
    expect(officer.get_by_role("heading", name="Waiting for the taskforce today")).to_be_visible()
    assert_accessible(officer)
    screenshot(officer, "taskforce-home")
    officer.get_by_role("navigation", name="Menu").get_by_role("link", name="Work queue").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Work queue")
    assert_accessible(officer)
    screenshot(officer, "taskforce-work-queue")
    # The most urgent and oldest is the demo city's own, sent by a school days ago.
    most_urgent = officer.get_by_role("table", name="New referrals, most urgent and oldest first")
    most_urgent.locator("tbody tr").first.get_by_role("link").first.click()
    expect(officer.locator(".govuk-caption-l")).to_have_text("Triage")
    expect(officer.get_by_role("group", name="Your decision").get_by_role("radio")).to_have_count(3)
    expect(officer.get_by_role("table", name=re.compile("What happened to this referral"))).to_contain_text(
        "Sent to the taskforce"
    )
    assert_accessible(officer)
    screenshot(officer, "taskforce-triage")
    officer.get_by_role("link", name="Work queue").first.click()

    officer.get_by_role("link", name=name).first.click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(name)
    referral = officer.locator(".govuk-summary-list").first
    expect(referral).to_contain_text("Seen with older teenagers near the station during school hours.")
    expect(referral).to_contain_text("Urgent: within 2 working days")
    officer.get_by_label("Accept the referral").check()
    officer.get_by_role("button", name="Record the decision").click()
    expect(officer.locator(".govuk-notification-banner")).to_contain_text("Referral accepted")
    officer.get_by_role("link", name="Allocate an intervention").click()
    officer.get_by_label("Programme").select_option(label="One-to-one mentoring")
    officer.get_by_label("Provider").fill("Northbridge Youth Service")
    officer.get_by_label("Lead worker").select_option(label="Wren Castell (Intervention worker)")
    today = timezone.localdate()
    fill_date(officer, "Start date", today)
    officer.get_by_label("Planned sessions").fill("6")
    fill_date(officer, "Review date", today + datetime.timedelta(days=42))
    assert_accessible(officer)
    officer.get_by_role("button", name="Allocate").click()
    expect(officer.locator(".govuk-notification-banner")).to_contain_text("allocated to Wren Castell")

    worker = open_page()
    sign_in(worker, WORKER)
    worker.goto("/interventions/")
    worker.get_by_role("link", name=name).click()
    worker.get_by_role("link", name="Record a session").click()
    worker.get_by_label("Attended").check()
    worker.get_by_label("Short note").fill("First meeting; talked about football.")
    assert_accessible(worker)
    worker.get_by_role("button", name="Record the session").click()
    expect(worker.get_by_role("table", name="Sessions, latest first")).to_contain_text(
        "talked about football"
    )
    worker.get_by_role("link", name="Open their record").click()
    expect(worker.get_by_role("heading", level=1)).to_have_text(name)

    closed = closed_intervention_with_improved_attendance()
    assert worker.goto(f"/interventions/{closed}/").status == 404, (
        "a closed allocation is no longer the worker's"
    )
    officer.goto(f"/interventions/{closed}/")
    expect(officer.get_by_role("heading", name="Outcomes measured from the feeds")).to_be_visible()
    assert_accessible(officer)
    screenshot(officer, "intervention-outcomes")

    officer.goto("/interventions/scorecards/")
    expect(officer.get_by_role("heading", level=1)).to_have_text("Scorecards")
    assert_accessible(officer)
    screenshot(officer, "taskforce-scorecards")
