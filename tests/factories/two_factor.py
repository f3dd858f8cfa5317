"""Authenticator apps for tests that go through the real two-factor sign-in."""

import time

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from portal.demo.users import totp_code


def authenticator_for(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def code_now(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """What the user's app shows now (or that many 30-second steps later)."""
    return totp_code(device.bin_key, at=time.time() + steps_ahead * device.step)
