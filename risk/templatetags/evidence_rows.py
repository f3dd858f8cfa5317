"""The evidence rows of a trigger point's card on the young person's page, written in
Python: a flagged young person's cards hold a hundred or more rows, and the template's
per-row lookups and date formatting were most of the page's template time."""

from collections.abc import Callable
from datetime import date

from django import template
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from portal.day_text import day_writer
from risk.sections import EvidenceLine

register = template.Library()

_WITHHELD = '<span class="govuk-hint govuk-!-margin-0">Details held by a partner agency</span>'


def _row(line: EvidenceLine, day_text: Callable[[date], str]) -> str:
    detail = esc(line.detail) if line.detail is not None else _WITHHELD
    return (
        '\n        <tr class="govuk-table__row">'
        f'<td class="govuk-table__cell">{day_text(line.occurred_on)}</td>'
        f'<td class="govuk-table__cell">{esc(line.what)}</td>'
        f'<td class="govuk-table__cell">{esc(line.about)}</td>'
        f'<td class="govuk-table__cell">{detail}</td></tr>\n        '
    )


@register.simple_tag
def evidence_rows(lines: list[EvidenceLine]) -> SafeString:
    """`{% evidence_rows card.evidence %}`: each line seen less than in full says only
    that a partner agency holds the details."""
    day_text = day_writer()
    return mark_safe("".join(_row(line, day_text) for line in lines))  # noqa: S308  # nosec B308 B703  # every value is escaped
