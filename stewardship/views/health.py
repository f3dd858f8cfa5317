"""Feed health, for data officers, information governance and the taskforce: counts and
dates only, no one's record, so nothing here is written to the access log."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import role_required
from accounts.roles import Role
from chronology.selectors import feed_by_code
from stewardship.selectors.health import BASELINE_RUNS, REJECT_RATE_RISE, ROW_DROP_SHARE, feed_health, grace
from stewardship.selectors.health_charts import health_charts

HEALTH_ROLES = (Role.DATA_OFFICER, Role.IG_OFFICER, Role.TASKFORCE)


def health_rules() -> dict:
    """The thresholds the pages and the API state next to the figures."""
    return {
        "grace_hours": int(grace().total_seconds() // 3600),
        "baseline_runs": BASELINE_RUNS,
        "reject_rise": round(100 * REJECT_RATE_RISE),
        "row_drop": round(100 * ROW_DROP_SHARE),
    }


@role_required(*HEALTH_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    feeds = feed_health()
    problems = sum(len(h.problems) for h in feeds)
    return render(
        request, "stewardship/health.html", {"feeds": feeds, "problems": problems, **health_rules()}
    )


@role_required(*HEALTH_ROLES)
def feed_detail(request: HttpRequest, code: str) -> HttpResponse:
    feed = feed_by_code(code)
    if feed is None:
        raise Http404("No such feed")
    (health,) = feed_health(feed=feed)
    return render(
        request,
        "stewardship/health_feed.html",
        {
            "health": health,
            "charts": health_charts(health),
            # Data officers go on from a problem to the import, the queue or an upload;
            # the other roles may not open those pages.
            "imports_open": request.user.role == Role.DATA_OFFICER,
            **health_rules(),
        },
    )
