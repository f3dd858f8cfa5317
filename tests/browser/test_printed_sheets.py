"""What only a real print shows (static/src/_print.scss): pages separated after a meeting
each carry the handling marking and whose record or which list they hold, repeated at
the top of every sheet above a reserved margin, and are numbered "Page 3 of 9"; a
printed page of a long list says which rows it holds; filter forms, actions and
downloads stay on the screen; the printable flagged list names each trigger point once,
in the widest column, and starts on its first sheet."""

import pytest

from tests.browser.conftest import sign_in, uk_context
from tests.browser.demo_city import DSL, IG_OFFICER, TASKFORCE, pupil_with_partner_and_restricted_events

# A4 portrait is 210 mm, 794 CSS px; less the 12 mm page margins each side.
A4 = {"width": 703, "height": 1000}
SHEET_HEIGHT = 1123 - 106
"""297 mm less the top and bottom page margins (12 and 16 mm), in CSS px."""

SHEET = """() => {
  const shown = (el) => !!el && getComputedStyle(el).display !== 'none'
    && el.getBoundingClientRect().height > 0;
  const marking = document.querySelector('.portal-print-marking');
  const main = document.querySelector('main');
  const pageRule = [...document.styleSheets].flatMap(s => [...s.cssRules])
    .find(r => r instanceof CSSPageRule);
  return {
    marking: shown(marking) ? marking.innerText : null,
    fixed: !!marking && getComputedStyle(marking).position === 'fixed',
    markingHeight: marking ? marking.getBoundingClientRect().height : 0,
    reserved: parseFloat(getComputedStyle(main).paddingTop),
    cloned: getComputedStyle(main).boxDecorationBreak === 'clone',
    numbered: !!pageRule && /counter\\(page\\).*counter\\(pages\\)/.test(pageRule.cssText),
    forms: [...document.querySelectorAll('form[method="get"]')].filter(shown).length,
    downloads: [...document.querySelectorAll('a[download], a[href*=".csv"]')].filter(shown)
      .map(a => a.innerText),
    actions: [...document.querySelectorAll('.govuk-summary-card__actions')].filter(shown).length,
    printOnly: [...document.querySelectorAll('.portal-print-only')].filter(shown).map(p => p.innerText),
    text: document.body.innerText,
  };
}"""


@pytest.fixture(scope="module")
def printing(browser, portal):
    """One signed-in page per person, laid out as an A4 sheet in print media."""
    pages = {}

    def page_for(email: str):
        if email not in pages:
            page = uk_context(browser, portal, viewport=A4).new_page()
            sign_in(page, email)
            page.emulate_media(media="print")
            pages[email] = page
        return pages[email]

    yield page_for
    for page in pages.values():
        page.context.close()


def printed(page, path: str) -> dict:
    page.goto(path)
    sheet = page.evaluate(SHEET)
    assert page.pdf(format="A4")[:4] == b"%PDF"
    return sheet


def test_every_sheet_of_a_record_or_list_is_marked_numbered_and_clear_of_the_marking(printing):
    pupil = pupil_with_partner_and_restricted_events()
    problems = []
    for email, path, marking in [
        (DSL, f"/young-people/{pupil.id}/", f"OFFICIAL-SENSITIVE · {pupil.full_name}"),
        (DSL, f"/young-people/{pupil.id}/chronology/", f"OFFICIAL-SENSITIVE · Chronology: {pupil.full_name}"),
        (
            DSL,
            f"/young-people/{pupil.id}/chronology/print/",
            f"OFFICIAL-SENSITIVE · Chronology: {pupil.full_name}",
        ),
        (TASKFORCE, "/trigger-points/pupils/print/", "OFFICIAL-SENSITIVE · Flagged young people"),
        (IG_OFFICER, "/access-log/entries/", "OFFICIAL-SENSITIVE · Access log search"),
    ]:
        sheet = printed(printing(email), path)
        where = f"{path} printed by {email}"
        if sheet["marking"] != marking or not sheet["fixed"]:
            problems.append(f"{where}: marking {sheet['marking']!r}, fixed: {sheet['fixed']}")
        if not (sheet["cloned"] and sheet["reserved"] > sheet["markingHeight"]):
            problems.append(f"{where}: content may sit under the marking on a later sheet")
        if not sheet["numbered"]:
            problems.append(f"{where}: sheets are not numbered")
        if sheet["forms"] or sheet["downloads"] or sheet["actions"]:
            problems.append(f"{where}: prints {sheet['forms']} forms, {sheet['downloads']}, actions")
    assert not problems, "\n".join(problems)

    page = printing(IG_OFFICER)
    page.emulate_media(media="screen")
    assert page.evaluate(SHEET)["marking"] is None, "the marking is for paper only"
    page.emulate_media(media="print")


def test_a_printed_page_of_a_long_list_says_which_rows_it_holds(printing):
    page = printing(TASKFORCE)
    sheet = printed(page, "/trigger-points/pupils/")
    count = page.locator("main table caption").inner_text().split()[0]  # "100 young people"
    assert f"Rows 1 to 50 of {count}. To print all {count}, open “Printable list” on the screen" in (
        " ".join(sheet["printOnly"])
    )


def test_the_printable_list_names_each_trigger_point_once_in_the_widest_column(printing):
    page = printing(DSL)
    sheet = printed(page, "/trigger-points/pupils/print/?sort=tier")
    assert "Because of:" not in sheet["text"]
    widths = page.locator("thead th").evaluate_all("cells => cells.map(c => [c.innerText, c.offsetWidth])")
    assert max(widths, key=lambda cell: cell[1])[0] == "Trigger points", widths
    rows = page.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => r.getBoundingClientRect().bottom + window.scrollY)"
    )
    on_first_sheet = [bottom for bottom in rows if bottom < SHEET_HEIGHT]
    assert len(on_first_sheet) >= 3, f"the list starts on its first sheet: {rows[:5]}"
