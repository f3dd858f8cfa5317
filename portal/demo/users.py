"""One demo user per role, with memorable sign-ins. They exist only where settings.DEMO is
True (portal.demo.guard), so a real deployment never has a known password.
Roles and schools are given through the same services an administrator uses, so demo
users hold exactly the grants a real user would."""

import hashlib
import hmac
import time
from base64 import b32encode
from dataclasses import dataclass

from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SchoolAssignment, User
from accounts.roles import Role
from accounts.services.api_tokens import service_account_create
from accounts.services.assignments import assign_school
from accounts.services.roles import set_role
from accounts.services.two_factor import AUTHENTICATOR_NAME
from schools.models import School

DEMO_PASSWORD = "demo-password-2026"
DEMO_DOMAIN = "northbridge.example"
# Demo authenticator keys are derived from the email, so they stay the same every time the
# city is seeded: add a demo account to an authenticator app once and it keeps working.
DEMO_TOTP_SALT = b"safe-portal-demo-authenticator-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    job_title: str
    role: Role
    school: str = ""
    """For school roles, which demo school the account works at: first or second."""


DEMO_ACCOUNTS = (
    DemoAccount(f"head.teacher@{DEMO_DOMAIN}", "Helen Marsh", "Head teacher", Role.HEAD_TEACHER, "first"),
    DemoAccount(f"dsl@{DEMO_DOMAIN}", "Daniel Okoro", "Designated safeguarding lead", Role.DSL, "first"),
    DemoAccount(
        f"head.teacher2@{DEMO_DOMAIN}", "Ruth Pennington", "Head teacher", Role.HEAD_TEACHER, "second"
    ),
    DemoAccount(f"taskforce@{DEMO_DOMAIN}", "Tom Ellery", "SAFE taskforce officer", Role.TASKFORCE),
    DemoAccount(
        f"worker@{DEMO_DOMAIN}",
        "Wren Castell",
        "Youth worker, Northbridge Youth Service",
        Role.INTERVENTION_WORKER,
    ),
    DemoAccount(f"ig@{DEMO_DOMAIN}", "Imogen Grant", "Information-governance officer", Role.IG_OFFICER),
    DemoAccount(f"data.officer@{DEMO_DOMAIN}", "Dev Patel", "Data officer", Role.DATA_OFFICER),
    DemoAccount(f"admin@{DEMO_DOMAIN}", "Alex Morgan", "System administrator", Role.ADMINISTRATOR),
)


@dataclass(frozen=True)
class SignIn:
    email: str
    role: str
    school: str
    password: str = DEMO_PASSWORD
    authenticator_key: str = ""


def demo_totp_key(email: str) -> bytes:
    return hmac.new(DEMO_TOTP_SALT, email.encode(), hashlib.sha1).digest()


def demo_totp_secret(email: str) -> str:
    """The key as an authenticator app asks for it (base32, in groups of four)."""
    secret = b32encode(demo_totp_key(email)).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_code(key: bytes, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The code an authenticator app shows for this key at this moment."""
    totp = TOTP(key, step=step, digits=digits)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{digits}d}"


@transaction.atomic
def create_demo_users() -> dict[Role, User]:
    """Creates (or resets to the demo password) one user per role; returns them by role,
    the head teacher being the one at the first school. Administrators get is_staff for
    the Django admin and never is_superuser (guardian would let a superuser see all)."""
    users: dict[Role, User] = {}
    admin = None
    for account in sorted(DEMO_ACCOUNTS, key=lambda a: a.role != Role.ADMINISTRATOR):
        user, _ = User.objects.get_or_create(
            email=account.email,
            defaults={"display_name": account.display_name, "job_title": account.job_title},
        )
        user.set_password(DEMO_PASSWORD)
        user.is_staff = account.role == Role.ADMINISTRATOR
        user.is_superuser = False
        user.save()
        set_role(by=admin, user=user, role=account.role)
        TOTPDevice.objects.filter(user=user).exclude(name=AUTHENTICATOR_NAME).delete()
        TOTPDevice.objects.update_or_create(
            user=user,
            name=AUTHENTICATOR_NAME,
            defaults={"key": demo_totp_key(account.email).hex(), "confirmed": True, "last_t": -1},
        )
        if account.role == Role.ADMINISTRATOR:
            admin = user
        users.setdefault(account.role, user)
    return users


@transaction.atomic
def assign_demo_schools(*, by: User | None, first: School, second: School) -> None:
    schools = {"first": first, "second": second}
    for account in DEMO_ACCOUNTS:
        if account.school:
            user = User.objects.get(email=account.email)
            school = schools[account.school]
            if not SchoolAssignment.objects.filter(user=user, school=school).exists():
                assign_school(by=by, user=user, school=school, role=account.role)


def demo_sign_ins() -> list[SignIn]:
    """The demo accounts that exist, in the order of DEMO_ACCOUNTS."""
    users = {
        u.email: u
        for u in User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS]).prefetch_related(
            "school_assignments__school"
        )
    }
    sign_ins = []
    for account in DEMO_ACCOUNTS:
        user = users.get(account.email)
        if user is None:
            continue
        schools = ", ".join(sorted(a.school.name for a in user.school_assignments.all()))
        sign_ins.append(
            SignIn(
                email=account.email,
                role=account.role.label,
                school=schools,
                authenticator_key=demo_totp_secret(account.email),
            )
        )
    return sign_ins


def sign_in_lines(sign_ins: list[SignIn]) -> list[str]:
    """The sign-ins as a plain-text table for the terminal."""
    if not sign_ins:
        return ["No demo users yet: run `python manage.py seed_demo`."]
    width = max(len(s.email) for s in sign_ins)
    lines = [
        f"Demo sign-ins (password for all: {DEMO_PASSWORD}; then a code from an authenticator app",
        "holding the key shown, or the current code from `python manage.py demo_code EMAIL`)",
    ]
    for s in sign_ins:
        where = f" at {s.school}" if s.school else ""
        lines.append(f"  {s.email:<{width}}  key {s.authenticator_key}  {s.role}{where}")
    return lines


DEMO_SERVICE_ACCOUNT = DemoAccount(
    f"police-extract@{DEMO_DOMAIN}",
    "Northbridge police nightly extract",
    "Service account",
    Role.DATA_OFFICER,
)
"""An integration's account for the API (docs/api.md): it has no password and never signs
in; an administrator makes it a token on the API tokens page."""


def create_demo_service_account(*, by: User | None) -> User:
    account = User.objects.filter(email=DEMO_SERVICE_ACCOUNT.email).first()
    if account is not None:
        return account
    return service_account_create(
        by=by,
        email=DEMO_SERVICE_ACCOUNT.email,
        display_name=DEMO_SERVICE_ACCOUNT.display_name,
        role=DEMO_SERVICE_ACCOUNT.role,
    )
