"""What a locked-out visitor sees: the sign-in page with a message that is the same
whether or not the account exists, so the lockout cannot be used to discover accounts."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.forms import SignInForm


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        f"There have been too many failed attempts to sign in. Wait {minutes} minutes, then try again. "
        "If you have forgotten your password, reset it from this page."
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    form = SignInForm(request, data={"username": request.POST.get("username", "")[:254]})
    form.errors.clear()
    form.add_error(None, lockout_message())
    context = {"form": form, "next": request.POST.get("next", "")}
    return render(request, "accounts/sign_in.html", context, status=429)
