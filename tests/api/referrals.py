"""What the referral endpoints' tests share: the addresses, the body of a referral the
form would accept, and reading the access-log entries a user's requests wrote."""

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import Referral

LIST = "/api/v1/referrals/"
OTHER_ROLES = (Role.INTERVENTION_WORKER, Role.IG_OFFICER, Role.DATA_OFFICER, Role.ADMINISTRATOR)


def url(referral: Referral, action: str = "") -> str:
    return f"{LIST}{referral.pk}/{action + '/' if action else ''}"


def entries(user) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(actor=user).order_by("pk"))


def named(entry: AccessLogEntry) -> set[int]:
    return set(entry.subjects.values_list("person_id", flat=True))


def body(**overrides) -> dict:
    return {
        "reason": "Missing lessons and seen with older young people near the station.",
        "consent_basis": "consent",
        "consent_given_by": "The young person and their mother",
        "referrer_contact": "01632 960001, mornings",
        "urgency": "soon",
        **overrides,
    }
