"""A user's own notifications. A notification about a young person names them only
while the reader may still see them, and only then says what it is about (a pupil's new
trigger points, as the capability that sent it words them for the reader); the list is
logged like every list page, naming whoever it showed (often nobody), which covers what
it says of them. Nor is it a link once they are out of sight, since the page it leads
to would refuse the reader."""

from collections.abc import Iterable

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import role_required, visible_among, visible_names
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry, EmailPreference, Notification
from accounts.notification_details import notification_details
from accounts.roles import Role
from accounts.selectors_notifications import notifications_for
from accounts.services.notifications import notification_email_set, notifications_mark_read
from portal.form_text import NamesTheField

EVERY_ROLE = tuple(Role)
PAGE_SIZE = 50


class EmailPreferenceForm(NamesTheField, forms.Form):
    error_words = {"notification_email": "how we should email you about notifications"}
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
    seen = [n for n in items if not n.person_id or n.person_id in names]
    details = notification_details(request.user, seen)
    rows = [
        {
            "notification": n,
            "person": names.get(n.person_id),
            "details": details.get(n.pk, []),
            "url": reverse("notifications:open", args=[n.pk]) if _leads_somewhere(n, names) else "",
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


def _leads_somewhere(notification: Notification, visible: Iterable[int]) -> bool:
    """Whether its page would open for the reader: not once its young person is out of
    their sight (the page would refuse them)."""
    return bool(notification.url) and (not notification.person_id or notification.person_id in visible)


@role_required(*EVERY_ROLE)
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Marks one of the reader's own notifications read and goes to its page: reading it
    is opening it, so the count of new ones falls as the reader works through them. It
    shows nobody itself; the page it leads to logs its own view."""
    notification = get_object_or_404(notifications_for(request.user), pk=pk)
    notifications_mark_read(user=request.user, ids=[notification.pk])
    visible = visible_among(request.user, [notification.person_id]) if notification.person_id else []
    if _leads_somewhere(notification, visible):
        return redirect(notification.url)
    return redirect("notifications:list")


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
