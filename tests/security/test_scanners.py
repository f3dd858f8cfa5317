"""The standard scanners, run by `make test`: Django's deployment checks under production
settings with the environment a deployment would have, bandit over our own code, and
pip-audit over the pinned requirements."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent
# Known vulnerabilities we have decided to live with for now: id -> (reason, revisit by).
# Every entry is also in docs/security.md.
PIP_AUDIT_ACCEPTED: dict[str, tuple[str, str]] = {}


def _our_packages() -> list[str]:
    return sorted(
        p.name
        for p in ROOT.iterdir()
        if (p / "__init__.py").exists() and p.name not in {"tests", "benchmarks"}
    )


def test_check_deploy_passes_under_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ACCESS_LOG_HMAC_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "safe-portal.northbridge.example",
        "CSRF_TRUSTED_ORIGINS": "https://safe-portal.northbridge.example",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/safe"),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "PORTAL_BASE_URL": "https://safe-portal.northbridge.example",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    }
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_bandit_finds_nothing_of_medium_or_high_severity():
    """Findings are either fixed or justified on their line with `# nosec ID  # why`;
    no test is skipped for the whole code base."""
    packages = _our_packages()
    assert {"accounts", "portal", "schools", "chronology"} <= set(packages)
    result = subprocess.run(
        [str(BIN / "bandit"), "-q", "-c", "pyproject.toml", "-r", *packages, "-x", "*/migrations/*"]
        + ["--severity-level", "medium", "-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    found = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}" for r in report["results"]
    ]
    assert not found, "\n".join(found)
    assert report["metrics"]["_totals"]["loc"] > 5000, "bandit scanned our code"


def test_pip_audit_finds_no_known_vulnerability_in_the_pinned_requirements():
    result = subprocess.run(
        [str(BIN / "pip-audit"), "-r", "requirements.txt", "--no-deps", "--disable-pip"]
        + ["--progress-spinner", "off", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.skip(f"pip-audit could not run here: {result.stderr.strip()[-300:]}")
    dependencies = report["dependencies"]
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        pytest.skip(
            "pip-audit could not reach its vulnerability service from this machine "
            f"({dependencies[0]['skip_reason'] if dependencies else result.stderr.strip()[-200:]}); "
            "run `make test` where PyPI is reachable"
        )
    found = [
        f"{d['name']} {d['version']}: {v['id']}"
        for d in audited
        for v in d.get("vulns", [])
        if v["id"] not in PIP_AUDIT_ACCEPTED
    ]
    assert not found, "\n".join(found)
