"""API tokens and service accounts, for administrators (docs/api.md). A new token is
shown once, on the page that answers its creation, and never again: only its digest is
kept. Nothing here names a young person."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.forms_api_tokens import ServiceAccountForm, TokenForm
from accounts.models import ApiToken
from accounts.roles import Role
from accounts.selectors_api_tokens import token_by_digest, tokens_listed
from accounts.services.api_tokens import TokenRefused, service_account_create, token_create, token_revoke


def _page(
    request: HttpRequest,
    *,
    account_form: ServiceAccountForm | None = None,
    token_form: TokenForm | None = None,
    new_token: tuple[ApiToken, str] | None = None,
) -> HttpResponse:
    tokens = tokens_listed()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "tokens": tokens,
            "account_form": account_form or ServiceAccountForm(),
            "token_form": token_form or TokenForm(),
            "new_token": new_token,
            # An expired token stays until revoked (portal.api.authentication): listed as expired.
            "now": timezone.now(),
        },
    )


@role_required(Role.ADMINISTRATOR)
def index(request: HttpRequest) -> HttpResponse:
    return _page(request)


@role_required(Role.ADMINISTRATOR)
@require_POST
@never_cache
def create_token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            data = form.cleaned_data
            made = token_create(by=request.user, user=data["user"], name=data["name"], days=data["days"])
        except TokenRefused as refused:
            form.add_error(None, str(refused))
        else:
            return _page(request, new_token=made)
    return _page(request, token_form=form)


@role_required(Role.ADMINISTRATOR)
@require_POST
def create_service_account(request: HttpRequest) -> HttpResponse:
    form = ServiceAccountForm(request.POST)
    if form.is_valid():
        try:
            data = form.cleaned_data
            account = service_account_create(
                by=request.user,
                email=data["email"],
                display_name=data["display_name"],
                role=Role(data["role"]),
            )
        except TokenRefused as refused:
            form.add_error("email", str(refused))
        else:
            messages.success(request, f"{account.display_name} is ready: make it a token below.")
            return redirect("api_tokens:index")
    return _page(request, account_form=form)


@role_required(Role.ADMINISTRATOR)
@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    digest = request.POST.get("token", "")
    token = token_by_digest(digest)
    if token is None:
        messages.error(request, "That token no longer exists: it was revoked or has expired.")
    else:
        token_revoke(by=request.user, token=token)
        messages.success(request, f"The token “{token.name}” is revoked; it no longer works.")
    return redirect("api_tokens:index")
