"""The session page's "Kind of session" radios at 1280 px, drawn by Chromium with the
portal's own CSS: each label stays one word on one line. GOV.UK caps a radio label at its
item's width less the control's, which for small inline radios is narrower than the
label's own width, and the portal's `overflow-wrap: break-word` then broke "Group" and
"Individual" mid-word."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.conftest import CHROMIUM
from tests.factories.interventions import allocate, record_session

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
ORIGIN = "http://portal.test"
LABELS = """() => [...document.querySelectorAll('.govuk-radios__label')].map(label => {
  const range = document.createRange();
  range.selectNodeContents(label);
  return {text: label.innerText, lines: new Set([...range.getClientRects()].map(r => r.top)).size};
})"""


def _drawn(html: str) -> list[dict]:
    """The page as Chromium lays it out, its static files served from static/ here."""
    from playwright.sync_api import sync_playwright

    def serve(route):
        path = route.request.url.removeprefix(ORIGIN)
        if path.startswith("/static/"):
            route.fulfill(path=str(ROOT / path.lstrip("/")))
        elif path == "/session/":
            route.fulfill(body=html, content_type="text/html")
        else:
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route("**/*", serve)
        page.goto(f"{ORIGIN}/session/")
        labels = page.evaluate(LABELS)
        browser.close()
    return labels


def test_the_kind_of_session_labels_never_break_mid_word(client):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    intervention = allocate()
    session = record_session(intervention)
    client.force_login(intervention.worker)
    url = reverse("interventions:session_detail", args=[intervention.pk, session.pk])
    labels = _drawn(client.get(url).content.decode())
    assert [label["text"] for label in labels] == ["Group", "Individual"]
    assert all(label["lines"] == 1 for label in labels), labels
