"""The taskforce's city overview: schools with their flagged counts, the review queue's
length and the flagged young people not yet referred, each linking to the list that
names them. Counts only, so no access-log entry; the lists it links to write theirs."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import JUDGEMENT_NOTICE, role_required
from accounts.roles import Role
from portal.charts import Chart, line_chart
from portal.form_text import NamesTheField
from risk.selectors import shared_indicators
from risk.selectors_city import Trend, city_overview, flags_over_time


class TrendForm(NamesTheField, forms.Form):
    error_words = {"trigger_point": "a trigger point to compare with"}
    trigger_point = forms.ChoiceField(label="Compare with one trigger point", required=False)

    def __init__(self, data: object, *, codes: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["trigger_point"].choices = [("", "None"), *codes]


def trend_chart(*, trend: Trend, trigger_point: str, name: str) -> Chart:
    """Every trigger point together, and one chosen trigger point beside it, named as
    the legend and the table's column show it (its code and name)."""
    starts, by_code = trend.starts, trend.by_code
    totals = [sum(values[i] for values in by_code.values()) for i in range(len(starts))]
    series = {"All trigger points": list(zip(starts, totals, strict=True))}
    if trigger_point:
        chosen = by_code.get(trigger_point, [0] * len(starts))
        series[name] = list(zip(starts, chosen, strict=True))
    return line_chart(
        title="Current flags at the start of each month and today",
        x_label="Date",
        y_label="Flags",
        series=series,
    )


@role_required(Role.TASKFORCE)
def city_overview_page(request: HttpRequest) -> HttpResponse:
    codes = [(i.code, f"{i.code} {i.current_version.name}") for i in shared_indicators() if i.versions.all()]
    form = TrendForm(request.GET, codes=codes)
    chosen = form.cleaned_data["trigger_point"] if form.is_valid() else ""
    trend = flags_over_time(today=timezone.localdate())
    return render(
        request,
        "risk/city.html",
        {
            "overview": city_overview(request.user),
            "form": form,
            "chart": trend_chart(trend=trend, trigger_point=chosen, name=dict(codes).get(chosen, chosen)),
            "trend_begins": trend.begins,
            "judgement_notice": JUDGEMENT_NOTICE,
        },
        status=200 if form.is_valid() else 400,
    )
