"""The demo's sign-in tables in README.md and docs/demo-city.md are what a first-time
user reads before signing in: each demo account appears in each exactly once, and no
table names an account the seed does not make."""

import re
from pathlib import Path

import pytest

from portal.demo.users import DEMO_ACCOUNTS, DEMO_DOMAIN

ROOT = Path(__file__).resolve().parents[2]
ROW_EMAIL = re.compile(rf"^\| `([a-z0-9.]+@{re.escape(DEMO_DOMAIN)})` \|", re.MULTILINE)


@pytest.mark.parametrize("document", ["README.md", "docs/demo-city.md"])
def test_every_demo_account_is_in_the_sign_in_table_once(document):
    emails = ROW_EMAIL.findall((ROOT / document).read_text(encoding="utf-8"))
    assert sorted(emails) == sorted(account.email for account in DEMO_ACCOUNTS)
