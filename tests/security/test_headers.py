"""Security headers on every page of the URL walk, and no inline script or style in any
template, so the Content-Security-Policy needs no 'unsafe-inline'."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.access_matrix import EXPECTED, URL_KWARGS
from tests.accounts.test_url_access_walk import actors  # noqa: F401 - the walk's world

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
