"""The second step of signing in, setting up an authenticator app, and backup codes.
No child's record is shown here, so nothing is written to the access log; device changes
are in the change log."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.forms_two_factor import AuthenticatorCodeForm, SecondFactorForm
from accounts.services.two_factor import (
    authenticator_confirm,
    authenticator_pending,
    backup_codes_left,
    backup_codes_renew,
    has_authenticator,
    second_factor_verify,
)
from accounts.views.next_page import next_page

WRONG_CODE = (
    "Enter a correct code. Each code works once; if your app's code was just used, wait for the next one."
)


def _verified(request: HttpRequest, device: object) -> None:
    """Marks the session as signed in with two factors under a new session key."""
    otp_login(request, device)
    request.session.cycle_key()


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect(next_page(request))
    if not has_authenticator(request.user):
        return redirect(f"{reverse('two_factor:set_up')}?{request.GET.urlencode()}")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor_verify(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            if isinstance(device, StaticDevice):
                left = backup_codes_left(request.user)
                messages.info(request, f"You used a backup code. You have {left} left.")
            return redirect(next_page(request))
        form.add_error("code", WRONG_CODE)
    return render(request, "accounts/two_factor/verify.html", {"form": form, "next": next_page(request)})


@login_required
def set_up(request: HttpRequest) -> HttpResponse:
    if has_authenticator(request.user):
        return redirect(next_page(request) if request.user.is_verified() else reverse("two_factor:verify"))
    device = authenticator_pending(user=request.user)
    form = AuthenticatorCodeForm(request.POST or None, button="Continue")
    if request.method == "POST" and form.is_valid():
        codes = authenticator_confirm(user=request.user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            _verified(request, device)
            return render(
                request,
                "accounts/two_factor/new_backup_codes.html",
                {"codes": codes, "next": next_page(request)},
            )
        form.add_error("code", WRONG_CODE)
    qr = segno.make(device.config_url, micro=False)
    context = {
        "form": form,
        "next": next_page(request),
        "qr_svg": qr.svg_inline(
            scale=5, border=4, svgclass="portal-qr", title="QR code for your authenticator app"
        ),
        "secret": _grouped(b32encode(device.bin_key).decode()),
    }
    return render(request, "accounts/two_factor/set_up.html", context)


@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """New codes only for a current code from the authenticator app: a session left open
    on someone's desk is not enough to make a new way in."""
    form = AuthenticatorCodeForm(request.POST or None, button="Make new backup codes")
    if request.method == "POST" and form.is_valid():
        codes = backup_codes_renew(user=request.user, code=form.cleaned_data["code"])
        if codes is not None:
            context = {"codes": codes, "next": reverse("home")}
            return render(request, "accounts/two_factor/new_backup_codes.html", context)
        form.add_error("code", WRONG_CODE)
    context = {"form": form, "left": backup_codes_left(request.user)}
    return render(request, "accounts/two_factor/backup_codes.html", context)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
