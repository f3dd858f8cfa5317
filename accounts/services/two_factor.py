"""The second factor: an authenticator app (TOTP, django-otp) and ten single-use backup
codes. A password alone opens only these pages (accounts.middleware.two_factor).

django-otp keeps backup codes as they are; the portal gives it only a keyed hash of each
(`backup_code_stored`), so a copy of the database lets nobody past the second step."""

from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.services.change_log import acting_as
from accounts.services.users import end_user_sessions

AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_CODES_NAME = "Backup codes"
BACKUP_CODE_SALT = "accounts.two_factor.backup_code"


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
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=backup_code_stored(code)[0]) for code in codes
    )
    return codes


@transaction.atomic
def backup_codes_renew(*, user: User, code: str) -> list[str] | None:
    """New backup codes for someone who proves again that they hold their authenticator
    (a current code from the app, not a backup code), so that a session left open is not
    enough to mint a way back in. None for a wrong code."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None or not device.verify_token(_digits(code)):
        return None
    return backup_codes_replace(user=user)


def backup_code_stored(code: str) -> list[str]:
    """What is kept of a backup code: HMAC-SHA256 under the secret key, 64 bits of it
    (django-otp's column holds 16 characters). The first is how a new code is stored; the
    rest, under SECRET_KEY_FALLBACKS, let codes made before a key rotation still work."""
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [
        salted_hmac(BACKUP_CODE_SALT, code.lower(), secret=key, algorithm="sha256").hexdigest()[:16]
        for key in keys
    ]


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def second_factor_verify(*, user: User, code: str) -> Device | None:
    """The device that accepts the code: the authenticator (a six-digit code, each used
    once) or a backup code (used up). django-otp throttles repeated failures per device.
    The devices are locked while the code is checked: two requests racing with one code
    would otherwise both pass, each reading the device before the other used it up."""
    code = code.strip().replace(" ", "").replace("-", "").lower()
    if not code or len(code) > 16:
        return None
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if _accepts(device, code):
            return device
    return None


def _accepts(device: Device, code: str) -> bool:
    """Backup codes through django-otp's own check too, so that its throttling and single
    use apply; a wrong code counts as one failure whatever the number of keys."""
    if not isinstance(device, StaticDevice):
        return device.verify_token(code)
    stored = backup_code_stored(code)
    found = device.token_set.filter(token__in=stored).values_list("token", flat=True).first()
    return device.verify_token(found or stored[0])


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
