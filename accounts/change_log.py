"""What django-auditlog records in the change log (accounts.ChangeLogEntry): who changed a
role, a grant, the feed register or a record-linkage decision, and when. Later phases add
their models here (referrals, interventions, flag dismissals) so the list stays in one
place. Sensitive fields are masked or left out."""

from auditlog.registry import auditlog
from django.apps import apps


def register_change_log() -> None:
    get = apps.get_model
    auditlog.register(
        get("accounts", "User"),
        exclude_fields=["last_login"],
        mask_fields=["password"],
        m2m_fields={"groups", "user_permissions"},
    )
    auditlog.register(get("accounts", "SchoolAssignment"))
    auditlog.register(
        get("accounts", "ApiToken"), include_fields=["user", "name", "token_key", "expiry", "created_by"]
    )
    auditlog.register(get("accounts", "BreakGlass"))
    auditlog.register(get("accounts", "AnomalyReview"))
    # Second-factor devices: who enrolled or reset them, never their secrets.
    auditlog.register(get("otp_totp", "TOTPDevice"), include_fields=["user", "name", "confirmed"])
    auditlog.register(get("otp_static", "StaticDevice"), include_fields=["user", "name", "confirmed"])
    for model in ("School", "Person"):
        auditlog.register(get("schools", f"{model}UserObjectPermission"))
        auditlog.register(get("schools", f"{model}GroupObjectPermission"))
    auditlog.register(get("chronology", "Feed"), exclude_fields=["updated_at"])
    auditlog.register(
        get("chronology", "SourceRecord"),
        include_fields=["person", "family", "link_confidence", "link_method"],
    )
