"""Security headers on every page of the URL walk, and no inline script or style in any
template, so the Content-Security-Policy needs no 'unsafe-inline'."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.accounts.access_matrix import EXPECTED, URL_KWARGS
from tests.accounts.test_url_access_walk import actors  # noqa: F401 - the walk's world
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    p for p in ROOT.glob("**/templates/**/*.html") if not {".venv", "node_modules"} & set(p.parts)
)


def _headers_problems(response) -> list[str]:
    csp = response.get("Content-Security-Policy", "")
    problems = []
    if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
        problems.append("CSP allows inline or eval")
    for directive in ("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"):
        if directive not in csp:
            problems.append(f"CSP lacks {directive}")
    wanted = {
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Cache-Control": "no-store",
    }
    problems += [f"{k}: {response.get(k)!r}" for k, v in wanted.items() if response.get(k) != v]
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    return problems


def _inline_problems(html: str, nonce: str | None) -> list[str]:
    problems = []
    for tag in re.findall(r"<script\b[^>]*>", html):
        if "src=" not in tag:
            problems.append(f"inline script {tag}")
        if nonce and f'nonce="{nonce}"' not in tag:
            problems.append(f"script without this response's nonce {tag}")
    if re.search(r"<style\b", html):
        problems.append("a <style> element")
    if re.search(r"\sstyle=", html):
        problems.append("a style attribute")
    if re.search(r"\son[a-z]+\s*=", html):
        problems.append("an inline event handler")
    if re.search(r"""(src|href)=["'](https?:)?//""", html.replace(settings.PORTAL_BASE_URL, "")):
        problems.append("something loaded from another site")
    return problems


def test_every_page_of_the_walk_sends_the_security_headers(actors):  # noqa: F811
    clients, world = actors
    failures = []
    for name in EXPECTED:
        if name.startswith("admin:"):
            continue
        kwargs = {arg: world[key] for arg, key in URL_KWARGS.get(name, {}).items()}
        url = reverse(name, kwargs=kwargs)
        for actor, client in clients.items():
            response = client.get(url)
            problems = _headers_problems(response)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                csp = response["Content-Security-Policy"]
                nonce = re.search(r"'nonce-([^']+)'", csp)
                problems += _inline_problems(response.content.decode(), nonce and nonce.group(1))
            failures += [f"{name} as {actor}: {p}" for p in problems]
    assert not failures, "\n".join(failures[:40])


def test_hsts_is_sent_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_no_template_has_inline_script_or_style():
    assert len(TEMPLATES) > 20
    failures = []
    for path in TEMPLATES:
        text = path.read_text()
        failures += [f"{path.relative_to(ROOT)}: {p}" for p in _inline_problems(text, None)]
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "request.csp_nonce" not in tag:
                failures.append(f"{path.relative_to(ROOT)}: script tag without the CSP nonce {tag}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_form_sent_with_a_stale_csrf_token_gets_the_portals_own_page(signed_in):
    """Django's built-in CSRF failure page has an inline <style> (refused by the CSP) and
    no way back. A person meets it after signing in again in another tab, which changes
    the token a form open elsewhere still carries."""
    browser = Client(enforce_csrf_checks=True)
    if signed_in:
        browser.force_login(user_with_role(Role.DSL))
    browser.get(reverse("login"))
    response = browser.post(
        reverse("session:keep_alive" if signed_in else "login"), {"csrfmiddlewaretoken": "stale"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form could not be sent" in html
    assert not _inline_problems(html, None)
    # Chromium's Back brings the form again with what was typed and a fresh token;
    # reloading it first, as the page used to advise, empties it.
    assert "Use your browser's Back button to return to the form" in html
    assert "reload the page, and send it again" not in html
