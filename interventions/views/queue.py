"""The taskforce's work queue: the page it opens every morning."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.queue import work_queue
from interventions.selectors import interventions_for, referrals_for
from interventions.way_back import from_work_queue


@role_required(Role.TASKFORCE)
@shows_records
def queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    work = work_queue(
        referrals=referrals_for(request.user), interventions=interventions_for(request.user), today=today
    )
    log_access(request=request, kind=AccessLogEntry.Kind.LIST, person_ids=work.person_ids())
    return render(request, "interventions/queue.html", {"work": work, "from_queue": from_work_queue()})
