"""The second factor: an authenticator app (TOTP, django-otp) and ten single-use backup
codes. A password alone opens only these pages (accounts.middleware.two_factor)."""

from django.conf import settings
from django.db import transaction
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.services.change_log import acting_as
from accounts.services.users import end_user_sessions

AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_CODES_NAME = "Backup codes"


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def authenticator_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed device a user is enrolling: the same secret until they confirm it,
    so reloading the page does not change the QR code under them."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def authenticator_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the pending device if the code is right; returns a fresh set of backup
    codes to show once, or None for a wrong code."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(_digits(code)):
        return None
    with acting_as(user):
        device.confirmed = True
        device.save()
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return backup_codes_replace(user=user)


@transaction.atomic
def backup_codes_replace(*, user: User) -> list[str]:
    """Ten new single-use codes; any earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_CODES_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factor_verify(*, user: User, code: str) -> Device | None:
    """The device that accepts the code: the authenticator (a six-digit code, each used
    once) or a backup code (used up). django-otp throttles repeated failures per device."""
    code = code.strip().replace(" ", "").replace("-", "")
    if not code or len(code) > 16:
        return None
    return match_token(user, code.lower())


@transaction.atomic
def two_factor_reset(*, by: User, user: User) -> None:
    """An administrator's re-enrolment: every device goes, the change log names who did it,
    and the user's sessions end, so their next sign-in sets up a new authenticator."""
    with acting_as(by):
        for model in (TOTPDevice, StaticDevice):
            for device in model.objects.filter(user=user):
                device.delete()
    transaction.on_commit(lambda: end_user_sessions(user_id=user.pk))


def _digits(code: str) -> str:
    return "".join(c for c in code if c.isdigit())[:10]
