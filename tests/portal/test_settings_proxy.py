"""Behind a reverse proxy that ends TLS, the portal sees plain HTTP: it redirects every
request to HTTPS (a loop) and marks no cookie secure unless it believes the proxy's
X-Forwarded-Proto. Believed without such a proxy, the header is a hole: anyone could
send "https" over plain HTTP. So it is believed only when TRUST_X_FORWARDED_PROTO says
so (docs/deployment.md), read strictly like every other variable."""

import pytest
from django.test import RequestFactory, override_settings

from tests.portal.test_settings_refusals import refusal, start

BEHIND_A_PROXY = {"TRUST_X_FORWARDED_PROTO": "true", "TRUSTED_PROXY_COUNT": "1"}


def proxy_header(**changes: str | None) -> str:
    result = start(
        "shell", "-c", "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)", **changes
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_believes_no_forwarded_scheme_unless_told_to():
    assert proxy_header() == "None"
    assert proxy_header(TRUST_X_FORWARDED_PROTO="false") == "None"


def test_production_behind_a_proxy_believes_its_forwarded_scheme():
    assert proxy_header(**BEHIND_A_PROXY) == "('HTTP_X_FORWARDED_PROTO', 'https')"


@pytest.mark.parametrize("value", ["ture", "https", "nginx"])
def test_a_mistyped_answer_is_named_not_read_as_no(value):
    line = refusal(start(TRUST_X_FORWARDED_PROTO=value))
    assert "TRUST_X_FORWARDED_PROTO" in line
    assert repr(value) in line


def test_a_trusted_proxy_must_also_be_counted_for_client_addresses():
    """A proxy that ends TLS is the peer of every request: with TRUSTED_PROXY_COUNT 0 the
    access log and the sign-in failure log would record its address as everyone's."""
    line = refusal(start(TRUST_X_FORWARDED_PROTO="true"))
    assert "TRUSTED_PROXY_COUNT" in line
    assert "TRUST_X_FORWARDED_PROTO" in line


@pytest.mark.parametrize(
    ("header", "forwarded", "secure"),
    [
        (None, "https", False),
        (("HTTP_X_FORWARDED_PROTO", "https"), "https", True),
        (("HTTP_X_FORWARDED_PROTO", "https"), "http", False),
    ],
)
def test_a_request_is_secure_by_the_forwarded_scheme_only_when_it_is_trusted(header, forwarded, secure):
    with override_settings(SECURE_PROXY_SSL_HEADER=header):
        request = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO=forwarded)
        assert request.is_secure() is secure
