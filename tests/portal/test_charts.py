"""Charts: SVG that escapes its text, needs no inline style, and carries the same
figures as its table."""

import re
from datetime import date

import pytest
from django.template.loader import render_to_string

from portal.charts import LABEL_CHARACTERS, bar_chart, interval_chart, line_chart


def test_bar_chart_table_holds_every_figure_and_text_is_escaped():
    chart = bar_chart(
        title="Flags <by> trigger point",
        rows=[("tp01 <b>", 12), ("tp02", 0.5)],
        unit="%",
        label_header="Trigger point",
    )
    assert chart.rows == (("tp01 <b>", "12%"), ("tp02", "0.5%"))
    assert "<b>" not in chart.svg
    assert "&lt;b&gt;" in chart.svg
    assert "style=" not in chart.svg
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert html.count("<tr") == 3
    assert "Flags &lt;by&gt; trigger point: the data" in html


def test_line_chart_has_a_column_per_series_and_gaps_where_a_series_has_no_value():
    chart = line_chart(
        title="Flags over time",
        x_label="Week",
        y_label="Flags",
        series={
            "tp01": [(date(2026, 9, 7), 3), (date(2026, 9, 14), 5)],
            "tp02": [(date(2026, 9, 14), 1)],
        },
    )
    assert chart.headers == ("Week", "tp01", "tp02")
    assert chart.rows == (("7 Sep 2026", "3", ""), ("14 Sep 2026", "5", "1"))
    assert chart.svg.count("<polyline") == 2
    assert 'role="img"' in chart.svg


def test_a_line_chart_of_dates_spaces_them_by_the_time_between_them():
    """The city trend's month starts end with today: four days after a month start is
    drawn four days on, not a whole step."""
    chart = line_chart(
        title="Current flags",
        x_label="Date",
        y_label="Flags",
        series={"All": [(date(2026, 11, 1), 1), (date(2026, 12, 1), 2), (date(2026, 12, 5), 3)]},
    )
    xs = [float(x) for x in re.findall(r'<circle [^>]*cx="([0-9.]+)"', str(chart.svg))]
    assert xs[0] < xs[1] < xs[2]
    assert (xs[2] - xs[1]) / (xs[2] - xs[0]) == pytest.approx(4 / 34, abs=0.01)
    labels = line_chart(title="t", x_label="x", y_label="y", series={"s": [("a", 1), ("b", 2), ("c", 3)]})
    xs = [float(x) for x in re.findall(r'<circle [^>]*cx="([0-9.]+)"', str(labels.svg))]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])


def test_a_line_chart_of_one_date_labels_it_once():
    """With one point the axis's first and last values are the same: written at both
    ends, the one date read as a range from it to itself."""
    chart = line_chart(title="t", x_label="Week", y_label="Rows", series={"s": [(date(2026, 12, 1), 5)]})
    assert str(chart.svg).count("1 Dec 2026") == 2  # the axis label, and the point's title
    assert re.findall(r'class="portal-chart__label"[^>]*>1 Dec 2026<', str(chart.svg)) != []
    two = str(line_chart(title="t", x_label="Week", y_label="Rows", series={"s": [("a", 1), ("b", 2)]}).svg)
    assert [">a</text>" in two, ">b</text>" in two] == [True, True]


def test_empty_charts_render():
    assert bar_chart(title="Nothing", rows=[], label_header="Item").rows == ()
    assert line_chart(title="Nothing", x_label="x", y_label="y", series={}).rows == ()


def test_interval_chart_puts_each_value_and_interval_in_its_table():
    chart = interval_chart(
        title="Rate ratio by sex",
        rows=[("Female <x>", 0.5, 0.3, 0.8), ("Male", 2.0, 1.25, 3.2)],
        value_label="Rate ratio",
        label_header="Group",
    )
    assert chart.headers == ("Group", "Rate ratio", "Lower 95%", "Upper 95%")
    assert chart.rows == (("Female <x>", "0.50", "0.30", "0.80"), ("Male", "2.00", "1.25", "3.20"))
    assert "&lt;x&gt;" in chart.svg
    assert "style=" not in chart.svg
    assert chart.svg.count("<circle") == 2
    assert interval_chart(title="Nothing", rows=[], value_label="Ratio", label_header="Group").rows == ()


def _label_lines(svg: str) -> list[list[str]]:
    """Each row label's lines, as the tspans of one text element."""
    return [
        re.findall(r"<tspan [^>]*>([^<]*)</tspan>", text)
        for text in re.findall(r'<text class="portal-chart__label" text-anchor="end">(.*?)</text>', svg)
    ]


def test_long_labels_wrap_inside_the_label_column_and_their_rows_grow():
    """A label wider than the column ran off the picture's left edge, and the page's."""
    long = "Child protection, looked after, or exploitation assessed"
    short = bar_chart(
        title="t", rows=[("Housing crisis", 4), ("Victim of violence", 12)], label_header="Item"
    )
    wrapped = bar_chart(title="t", rows=[("Housing crisis", 4), (long, 2)], label_header="Item")
    lines = _label_lines(str(wrapped.svg))
    assert lines[0] == ["Housing crisis"]
    assert len(lines[1]) > 1
    assert " ".join(lines[1]) == long
    assert all(len(line) <= LABEL_CHARACTERS for line in lines[1])
    height = re.compile(r'viewBox="0 0 \d+ (\d+)"')
    assert int(height.search(str(wrapped.svg))[1]) > int(height.search(str(short.svg))[1])
    ratios = interval_chart(
        title="t", rows=[(long, 1.2, 0.9, 1.6)], value_label="Rate ratio", label_header="Group"
    )
    assert " ".join(_label_lines(str(ratios.svg))[0]) == long


def test_an_interval_chart_labels_both_ends_of_its_scale():
    """With only the reference line labelled, nobody could read how far a point lies."""
    chart = interval_chart(
        title="t",
        rows=[("A", 1.5, 1.2, 2.0), ("B", 0.8, 0.6, 0.9)],
        value_label="Ratio",
        label_header="Group",
    )
    ends = re.findall(r'text-anchor="(?:start|end)">([0-9.]+)</text>', str(chart.svg))
    assert ends == ["0.50", "2.00"]


def test_a_line_chart_of_several_series_has_a_legend_naming_each():
    points = [(date(2026, 11, 1), 3), (date(2026, 12, 1), 4)]
    one = line_chart(title="t", x_label="Date", y_label="Flags", series={"All": points})
    two = line_chart(
        title="t", x_label="Date", y_label="Flags", series={"All": points, "tp02 Severe <absence>": points}
    )
    legend = re.compile(r'<text class="portal-chart__label" x="72" [^>]*>([^<]*)</text>')
    assert legend.findall(str(one.svg)) == []
    assert legend.findall(str(two.svg)) == ["All", "tp02 Severe &lt;absence&gt;"]


def test_every_chart_table_header_has_words():
    """The column of row labels is headed too: an empty <th> tells a screen reader
    nothing about the column (axe: empty-table-header)."""
    charts = [
        bar_chart(title="t", rows=[("tp01", 2)], value_label="Pupils", label_header="Trigger point"),
        bar_chart(title="t", rows=[("tp01", 2)], label_header="Item"),
        interval_chart(
            title="t", rows=[("Girls", 1.2, 0.9, 1.6)], value_label="Rate ratio", label_header="Group"
        ),
        line_chart(title="t", x_label="Date", y_label="y", series={"s": [("a", 1)]}),
    ]
    assert charts[0].headers[0] == "Trigger point"
    for chart in charts:
        assert all(header.strip() for header in chart.headers), chart.headers
        html = render_to_string("includes/chart.html", {"chart": chart})
        assert not re.search(r"<th[^>]*>\s*</th>", html)
