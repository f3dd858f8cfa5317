"""The rows of a chronology table (the chronology page, its print view and the young
person's recent entries), written in Python rather than by a template included once per
row: the include and its two dozen variable lookups per row cost more than the rest of
the page's template, and the print view has thousands of rows. Entries arrive already
cut to the viewer's level: an entry seen as category and date has no summary, source,
reference or link to show."""

from collections.abc import Callable
from datetime import date

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from chronology.timeline import TimelineEntry
from portal.day_text import day_writer
from schools.models import Person

register = template.Library()


def _row(entry: TimelineEntry, person: Person, printing: bool, day_text: Callable[[date], str]) -> str:
    label = esc(entry.category_label)
    day = day_text(entry.occurred_on)
    gap = " portal-chronology__gap" if entry.is_gap else ""
    ended = f'<br><span class="govuk-body-s">to {day_text(entry.ended_on)}</span>' if entry.ended_on else ""
    category = f'<strong class="govuk-tag govuk-tag--yellow">{label}</strong>' if entry.is_gap else label
    about = esc(entry.about)
    if entry.is_family:
        about = f'<strong class="govuk-tag govuk-tag--grey">{about}</strong>'
    if entry.summary is not None:
        what = esc(entry.summary)
        if entry.url and not printing:
            what += (
                f' <a class="govuk-link" href="{esc(entry.url)}">Open<span class="govuk-visually-hidden">'
                f": {label}, {day}</span></a>"
            )
        source = ""
        if entry.source_label and not entry.is_gap:
            source = (
                '<br><span class="govuk-body-s portal-chronology__provenance">'
                f"Source: {esc(entry.source_label)}"
            )
            if entry.reference:
                source += f", reference {esc(entry.reference)}"
            if entry.imported_on:
                source += f"; imported {day_text(entry.imported_on)}"
                if entry.imported_file:
                    source += f" from {esc(entry.imported_file)}"
            source += "</span>"
        what = f"{what}\n    {source}\n    "
    else:
        name = f"{esc(entry.name)}<br>" if entry.name else ""
        what = f'{name}<span class="govuk-hint govuk-!-margin-0">Details held by a partner agency</span>'
    match = ""
    if entry.probable_match:
        confidence = ""
        if entry.confidence is not None:
            confidence = f": confidence {floatformat(entry.confidence, 2)}"
        match = f'<br><strong class="govuk-tag govuk-tag--orange">Probable match{confidence}</strong>'
    doubted = ""
    if entry.doubted_on:
        doubted = (
            f'<br><strong class="govuk-tag govuk-tag--yellow">Link reported as doubtful on '
            f"{day_text(entry.doubted_on)}: a data officer has not yet checked it</strong>"
        )
    report = ""
    if entry.reportable_event_id and not printing:
        href = reverse("chronology:timeline_report", args=[person.pk, entry.reportable_event_id])
        whom = "this family member" if entry.is_family else esc(person.forename or "this young person")
        report = (
            f'<br><a class="govuk-link govuk-body-s" href="{esc(href)}">Report: this may not be about {whom}'
            f'<span class="govuk-visually-hidden"> ({label}, {day})</span></a>'
        )
    return (
        f'\n<tr class="govuk-table__row{gap}">\n'
        f'  <td class="govuk-table__cell portal-chronology__date">{day}{ended}</td>\n'
        f'  <td class="govuk-table__cell">{category}</td>\n'
        f'  <td class="govuk-table__cell">{about}</td>\n'
        f'  <td class="govuk-table__cell">\n'
        f"    {what}\n"
        f"    {match}\n"
        f"    {doubted}\n"
        f"    {report}\n"
        f"  </td>\n"
        f"</tr>\n"
    )


@register.simple_tag
def timeline_rows(entries: list[TimelineEntry], person: Person, printing: bool = False) -> SafeString:
    """`{% timeline_rows entries person printing %}`: `printing` leaves out every link."""
    day_text = day_writer()
    return mark_safe("".join(_row(entry, person, bool(printing), day_text) for entry in entries))  # noqa: S308  # nosec B308 B703  # every value is escaped
