"""A data officer imports a schools' suspensions file with some bad rows: the good rows
are imported, each bad row is reported by line, column and reason, and the rejected
rows come back as a CSV with an error column to correct and send again."""

import csv
import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.browser.demo_city import DATA_OFFICER, HEAD_TEACHER, current_pupils_of
from tests.csv_download import saved_csv_rows

HEADER = ["source_record_id", "urn", "upn", "category", "start_date", "sessions", "reasons"]


def wrong_check_letter(upn: str) -> str:
    return ("B" if upn[0] == "A" else "A") + upn[1:]


def suspensions_file(tmp_path) -> tuple:
    (urn, upn1), (_, upn2), (_, upn3), (_, upn4) = current_pupils_of(HEAD_TEACHER, limit=4)
    batch = uuid.uuid4().hex[:8]
    rows = [
        [f"{batch}-1", urn, upn1, "SUSP", "2026-01-12", "2", "PP"],
        [f"{batch}-2", urn, upn2, "SUSP", "2026-01-13", "1", "VA;DB"],
        [f"{batch}-3", urn, wrong_check_letter(upn3), "SUSP", "2026-01-14", "2", "PA"],
        [f"{batch}-4", urn, upn4, "LNCH", "2026-01-15", "1", "ZZ"],
    ]
    path = tmp_path / "suspensions-spring.csv"
    with path.open("w", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path, rows


def test_data_officer_imports_a_file_and_downloads_its_rejected_rows(page, tmp_path):
    path, rows = suspensions_file(tmp_path)

    sign_in(page, DATA_OFFICER)
    expect(page.locator(".portal-account-bar")).to_contain_text("(Data officer)")
    assert_accessible(page)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Data feeds").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data feeds")
    assert_accessible(page)

    page.get_by_role("link", name="Upload a file to the Suspensions and exclusions feed").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Upload a")
    assert_accessible(page)
    page.get_by_label("Feed file (CSV)").set_input_files(path)
    page.get_by_role("button", name="Upload and import").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Import of suspensions-spring.csv")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "suspensions-spring.csv is imported; its report is below"
    )
    expect(page.locator(".govuk-panel__title")).to_have_text("Import complete", timeout=30_000)
    expect(page.locator(".govuk-panel__body")).to_have_text("but 2 rows rejected: see why below")
    summary = page.locator(".govuk-summary-list__row", has_text="Rows read")
    expect(summary).to_contain_text("4 = 2 imported + 0 unchanged + 0 queued for review + 2 rejected")

    expect(page.get_by_role("heading", name="Rejected rows")).to_be_visible()
    rejected = page.get_by_role("table", name=re.compile("^Rejected rows"))
    lines = rejected.locator("tbody tr")
    expect(lines).to_have_count(2)
    expect(lines.nth(0).locator("td")).to_have_text(
        ["4", "upn", re.compile(r"UPN check letter is .+ but should be")]
    )
    expect(lines.nth(1).locator("td")).to_have_text(["5", "reasons", re.compile(r"ZZ")])
    assert_accessible(page)
    screenshot(page, "data-officer-run-report")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download the rejected rows")).click()
    download = download_info.value
    named = r"suspensions-run-\d+-\d{4}-\d\d-\d\d-rejected-rows\.csv"
    assert re.fullmatch(named, download.suggested_filename)
    downloaded = saved_csv_rows(download.path())
    assert downloaded[0] == [*HEADER, "error"]
    assert [r[:-1] for r in downloaded[1:]] == [rows[2], rows[3]]
    assert re.fullmatch(r"line 4: .*UPN check letter is . but should be .", downloaded[1][-1])
    assert re.fullmatch(r"line 5: .*ZZ.*", downloaded[2][-1])

    page.get_by_role("link", name="Back to data feeds").click()
    latest = page.locator("table.govuk-table", has_text="suspensions-spring.csv").locator("tbody tr").first
    expect(latest).to_contain_text("Completed")
