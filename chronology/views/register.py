"""The feed register: readable by administrators, IG and data officers; editable by
administrators only."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import has_role, role_required
from accounts.roles import Role
from chronology.forms import REGISTER_FIELDS, SEEN_FORMAT, FeedRegisterForm
from chronology.models import Feed
from chronology.retention_rules import cutoff_for
from chronology.selectors import feed_by_code, published_feeds
from chronology.services.imports import missing_register_entries
from chronology.services.register import ChangedMeanwhile, feed_update
from portal.form_text import RESEND, send_again_with


@role_required(Role.ADMINISTRATOR, Role.IG_OFFICER, Role.DATA_OFFICER)
def register(request: HttpRequest) -> HttpResponse:
    feeds = [(feed, missing_register_entries(feed)) for feed in published_feeds()]
    return render(
        request,
        "chronology/register.html",
        {"feeds": feeds, "can_edit": has_role(request.user, Role.ADMINISTRATOR)},
    )


@role_required(Role.ADMINISTRATOR)
def register_edit(request: HttpRequest, code: str) -> HttpResponse:
    feed = feed_by_code(code)
    if feed is None:
        raise Http404("No such feed.")
    kept_for = feed.retention_months
    form = FeedRegisterForm(request.POST or None, instance=feed)
    if request.method == "POST" and form.is_valid():
        try:
            update = feed_update(
                by=request.user,
                feed=feed_by_code(code),
                fields={name: form.cleaned_data[name] for name in REGISTER_FIELDS},
                seen=form.cleaned_data["seen"],
            )
        except ChangedMeanwhile as refused:
            send_again_with(form, seen=refused.saved_at.strftime(SEEN_FORMAT))
            form.add_error(None, f"{refused} {RESEND}")
        else:
            message = f"The register entry for {feed.name} is saved."
            if update.events_moved:
                sensitivity = update.feed.get_default_sensitivity_display().lower()
                message += f" Existing events of this feed moved to {sensitivity}: {update.events_moved:,}."
            if update.feed.retention_months < kept_for:
                message += _shortened(update.feed, kept_for)
            messages.success(request, message)
            return redirect("chronology:register")
    return render(request, "chronology/register_edit.html", {"feed": feed, "form": form})


def _shortened(feed: Feed, kept_for: int) -> str:
    """A shorter period removes records that night: the administrator is told which."""
    cutoff = cutoff_for(feed, timezone.localdate())
    return (
        f" It is now kept {feed.retention_months} months, not {kept_for}: tonight's retention run "
        f"removes its records dated before {cutoff:%-d %B %Y} that no legal hold covers."
    )
