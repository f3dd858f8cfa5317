"""A user's own notifications. A notification about a young person names them only
while the reader may still see them; the list is logged like every list page, naming
whoever it showed (often nobody). Nor is it a link once they are out of sight, since
the page it leads to would refuse the reader."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import role_required, visible_names
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry, EmailPreference
from accounts.roles import Role
from accounts.selectors_notifications import notifications_for
from accounts.services.notifications import notification_email_set, notifications_mark_read

EVERY_ROLE = tuple(Role)
PAGE_SIZE = 50


class EmailPreferenceForm(forms.Form):
    notification_email = forms.ChoiceField(
        choices=EmailPreference.choices,
        widget=forms.RadioSelect,
        label="How should we email you about notifications?",
    )


@shows_records
@role_required(*EVERY_ROLE)
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    names = visible_names(request.user, {n.person_id for n in items if n.person_id})
    rows = [
        {
            "notification": n,
            "person": names.get(n.person_id),
            "url": n.url if not n.person_id or n.person_id in names else "",
        }
        for n in items
    ]
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.LIST,
        person_ids=sorted(names),
        detail={"page": "notifications", "page_number": page.number},
    )
    return render(request, "accounts/notifications/list.html", {"page": page, "rows": rows})


@require_POST
@role_required(*EVERY_ROLE)
def notifications_read(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_read(user=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect("notifications:list")


@role_required(*EVERY_ROLE)
def notification_settings(request: HttpRequest) -> HttpResponse:
    form = EmailPreferenceForm(
        request.POST or None, initial={"notification_email": request.user.notification_email}
    )
    if request.method == "POST" and form.is_valid():
        notification_email_set(user=request.user, preference=form.cleaned_data["notification_email"])
        messages.success(request, "Your email preference is saved.")
        return redirect("notifications:list")
    return render(request, "accounts/notifications/settings.html", {"form": form})
