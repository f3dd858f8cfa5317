"""Scorecards for the taskforce: figures only, no young person named, so the page and its
CSV write no access-log entry; the pseudonymised export is about young people (under
pseudonyms) and logs each of them as exported."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import role_required
from accounts.access_log import log_access, shows_records
from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.analysts_export import HEADER, SMALL_NUMBER, analysts_rows
from interventions.models import ReferralStatus
from interventions.scorecards import CITY, GROUPINGS, PROGRAMME, SCHOOL, Scorecard, scorecards, scorecards_by
from interventions.selectors import interventions_for
from portal.charts import bar_chart
from portal.csv_safety import csv_response

GROUPING_LABELS = {CITY: "Whole city", SCHOOL: "Per school", PROGRAMME: "Per programme"}
CSV_HEADER = (
    "Group",
    # The page's status names: "New" counts those awaiting triage, not every referral sent.
    *(label for s, label in ReferralStatus.choices if s != ReferralStatus.DRAFT),
    "Median days to decision",
    "Median days to allocation",
    # The page has these under "Interventions and outcomes"; one CSV row holds both tables.
    "Active interventions",
    "Closed interventions",
    # The page's "50.0% (1 of 2)" as the percentage alone, a number a spreadsheet can sum.
    "Attendance improved (%)",
    "No new police incident (%)",
    "Specialist support received (%)",
)
"""In the page's words: its readers open the file in a spreadsheet; analysts wanting
code names have the pseudonymised export, whose headers are left as they are."""


def _grouping(request: HttpRequest) -> str:
    wanted = request.GET.get("by", CITY)
    return wanted if wanted in GROUPINGS else CITY


def _csv_row(card: Scorecard) -> list[object]:
    return [
        card.label,
        *card.status_counts,
        card.median_days_to_decision,
        card.median_days_to_allocation,
        card.active,
        card.closed,
        card.attendance_improved.percent,
        card.no_new_police_incident.percent,
        card.specialist_support.percent,
    ]


@role_required(Role.TASKFORCE)
def scorecard_page(request: HttpRequest) -> HttpResponse:
    grouping = _grouping(request)
    figures = scorecards_by(grouping, CITY)
    cards, city = figures[grouping], figures[CITY]
    charts = []
    if city:
        charts.append(
            bar_chart(
                title="Referrals by status, whole city",
                rows=[
                    (label, city[0].by_status.get(s, 0))
                    for s, label in ReferralStatus.choices
                    if s != "draft"
                ],
                value_label="Referrals",
                label_header="Status",
            )
        )
    compared = [c for c in cards if c.attendance_improved.of]
    if compared and grouping != CITY:
        charts.append(
            bar_chart(
                title=f"Closed interventions with attendance improved, {GROUPING_LABELS[grouping].lower()}",
                rows=[(c.label, c.attendance_improved.percent) for c in compared],
                unit="%",
                value_label="Share of closed interventions",
                label_header={SCHOOL: "School", PROGRAMME: "Programme"}[grouping],
            )
        )
    return render(
        request,
        "interventions/scorecards.html",
        {
            "cards": cards,
            "grouping": grouping,
            "groupings": GROUPING_LABELS.items(),
            "charts": charts,
            "statuses": [(s, label) for s, label in ReferralStatus.choices if s != ReferralStatus.DRAFT],
            "small_number": SMALL_NUMBER,
        },
    )


@role_required(Role.TASKFORCE)
def scorecard_csv(request: HttpRequest) -> HttpResponse:
    grouping = _grouping(request)
    return csv_response(
        filename=f"safe-scorecard-{grouping}-{timezone.localdate():%Y-%m-%d}.csv",
        header=CSV_HEADER,
        rows=[_csv_row(card) for card in scorecards(grouping)],
    )


@role_required(Role.TASKFORCE)
@shows_records
def analysts_csv(request: HttpRequest) -> HttpResponse:
    people, rows = analysts_rows(interventions_for(request.user))
    log_access(
        request=request,
        kind=AccessLogEntry.Kind.EXPORT,
        person_ids=people,
        detail={"export": "pseudonymised for analysts"},
    )
    return csv_response(
        filename=f"safe-interventions-pseudonymised-{timezone.localdate():%Y-%m-%d}.csv",
        header=HEADER,
        rows=rows,
    )
