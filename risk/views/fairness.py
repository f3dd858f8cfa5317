"""Fairness and the needs assessment, for the taskforce and IG: aggregates only, every
count below 5 suppressed, so nothing here names or singles out a young person."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import role_required
from accounts.roles import Role
from portal.charts import Chart, interval_chart
from portal.csv_safety import csv_response
from portal.form_text import NamesTheField
from risk.fairness import FairnessTable
from risk.selectors import flags_switched_on, shared_indicators
from risk.selectors_fairness import fairness as fairness_counts
from risk.selectors_fairness import needs_assessment
from risk.suppression import BELOW, NOT_BROKEN_DOWN, SYMBOL_NOTES, WITHHELD

AGGREGATE_ROLES = (Role.TASKFORCE, Role.IG_OFFICER)
CSV_HEADER = ("Breakdown", "Group", "Young people", "Note")


class FairnessForm(NamesTheField, forms.Form):
    trigger_point = forms.ChoiceField(label="Trigger point", required=False)

    def __init__(self, data: object, *, codes: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["trigger_point"].choices = [("", "Any trigger point"), *codes]


def ratio_chart(table: FairnessTable) -> Chart:
    rows = [(r.group, r.ratio.ratio, r.ratio.low, r.ratio.high) for r in table.rows if r.ratio is not None]
    return interval_chart(
        title=f"Rate ratio by {table.in_sentence}", rows=rows, value_label="Rate ratio", label_header="Group"
    )


@role_required(*AGGREGATE_ROLES)
def fairness(request: HttpRequest) -> HttpResponse:
    indicators = [i for i in shared_indicators() if i.versions.all()]
    form = FairnessForm(
        request.GET, codes=[(i.code, f"{i.code} {i.current_version.name}") for i in indicators]
    )
    chosen = form.cleaned_data["trigger_point"] if form.is_valid() else ""
    switched_on = flags_switched_on()
    tables = fairness_counts(today=timezone.localdate(), trigger_point=chosen) if switched_on else []
    return render(
        request,
        "risk/fairness.html",
        {
            "form": form,
            "chosen": dict(form.fields["trigger_point"].choices).get(chosen) if chosen else "",
            "sections": [(table, ratio_chart(table)) for table in tables],
            "breakdowns": needs_assessment() if switched_on else [],
            "switched_on": switched_on,
            "below": BELOW,
            "withheld": WITHHELD,
            "not_broken_down": NOT_BROKEN_DOWN,
        },
        status=200 if form.is_valid() else 400,
    )


@role_required(*AGGREGATE_ROLES)
def needs_assessment_csv(request: HttpRequest) -> HttpResponse:
    """One table, as a spreadsheet reads it: a suppressed count keeps its symbol (`<5`,
    `c`, `x`) and says what it means in the Note column of its own row, since a key
    below the table would be sorted and filtered in among the counts."""
    rows = []
    for breakdown in needs_assessment():
        cells = [*breakdown.pairs, (breakdown.total_label, breakdown.line.total)]
        rows.extend((breakdown.heading, group, cell, SYMBOL_NOTES.get(cell, "")) for group, cell in cells)
    filename = f"needs-assessment-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_response(filename=filename, header=CSV_HEADER, rows=rows)
