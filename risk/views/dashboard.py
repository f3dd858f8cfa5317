"""The school dashboard for head teachers and DSLs: counts only, each linking to the
flagged-pupils list filtered to it. It names no pupil, so it writes no access-log
entry; the list it links to does."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import JUDGEMENT_NOTICE, role_required
from accounts.roles import Role
from portal.charts import bar_chart
from risk.selectors_dashboard import school_dashboard


@role_required(Role.HEAD_TEACHER, Role.DSL)
def dashboard(request: HttpRequest) -> HttpResponse:
    board = school_dashboard(request.user)
    chart = bar_chart(
        title="Pupils with each trigger point now",
        rows=[(row.label, row.now) for row in board.trigger_points if row.now],
        value_label="Pupils",
        label_header="Trigger point",
    )
    return render(
        request,
        "risk/dashboard.html",
        {"board": board, "chart": chart, "judgement_notice": JUDGEMENT_NOTICE},
    )
