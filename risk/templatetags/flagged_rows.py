"""A flagged pupil's name (linked to their record), trigger points and tier, as the list
and its printout show them in each row. Written in Python rather than as included
templates: with fifty rows of several trigger points each, resolving every variable
through the template engine was more than half of the list's rendering time, and
reversing each row's link as much again (docs/benchmark-findings.md)."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from risk.flagged_words import new_since
from risk.tiers import ALL_DISMISSED, TierName

register = template.Library()

TIER_TAGS = {TierName.HIGH: "govuk-tag--red", TierName.MEDIUM: "govuk-tag--orange"}
"""Any other tier (low) is yellow."""


def _item(item: object, raised_since: object) -> str:
    """One trigger point: named with its code, or unnamed as an additional factor; the
    one raised since the day the list is filtered to is marked, so the row says which
    one put the pupil on the list."""
    flag = item.flag
    parts = ["<li>"]
    if item.named:
        parts.append(f"<strong>{conditional_escape(item.code)}</strong> ")
    parts.append(conditional_escape(item.label))
    if flag.stronger and item.named:
        parts.append(" (stronger)")
    if flag.is_dismissed:
        parts.append(' <span class="govuk-tag govuk-tag--grey">dismissed</span>')
    if since := new_since(item, raised_since):
        parts.append(f' <span class="govuk-tag govuk-tag--blue">{since}</span>')
    parts.append("</li>")
    return "".join(parts)


@register.simple_tag
def trigger_point_list(row: object, query: object) -> SafeString:
    """The row's trigger points (`ListRow.trigger_points`), listed by the day raised."""
    raised_since = query.raised_since if query else None
    items = "".join(_item(item, raised_since) for item in row.trigger_points)
    return mark_safe(f'\n<ul class="govuk-list govuk-!-margin-bottom-0">\n  {items}\n</ul>\n')  # noqa: S308  # nosec B308 B703  # every value is escaped


@register.simple_tag
def tier_cell(row: object, *, reasons: bool = True) -> SafeString:
    """The row's tier with the trigger points that make it; a row listed only for
    dismissed trigger points says so, not "No trigger points". The printable list
    leaves the reasons out (`reasons=False`): they are the row's own trigger points, and
    naming them twice in a narrow column stood each row up to seventeen lines high."""
    tier = row.flags.tier
    if tier and tier.name != TierName.NONE:
        colour = TIER_TAGS.get(tier.name, "govuk-tag--yellow")
        because = "; ".join(conditional_escape(reason) for reason in tier.reasons)
        why = f"Because of: {because}" if reasons else ""
        why = f'<span class="govuk-body-s govuk-!-display-block">{why}</span>\n' if why else ""
        return mark_safe(  # noqa: S308  # nosec B308 B703  # every value is escaped
            f'<strong class="govuk-tag {colour}">{conditional_escape(tier.label)}</strong>\n{why}'
        )
    return mark_safe(f'<span class="govuk-body-s">{ALL_DISMISSED}</span>\n')  # noqa: S308  # nosec B308 B703  # every value is escaped


ANY_ID = 2**31 - 1
"""A young person's id that stands for every one: the record's address is reversed
once a page with it, then each row's id put in its place."""


def _record_url(context: template.Context, pk: int) -> str:
    """As reverse("young_person_detail", args=[pk]), which cost about as much as the
    rest of a row; reversed once per render (the script prefix is the request's)."""
    cache = context.render_context
    if "record_url" not in cache:
        cache["record_url"] = reverse("young_person_detail", args=[ANY_ID]).partition(str(ANY_ID))
    before, _, after = cache["record_url"]
    return f"{before}{int(pk)}{after}"


@register.simple_tag(takes_context=True)
def pupil_link(context: template.Context, person: object, way_back: str) -> SafeString:
    """The pupil's name, linking to their record with the way back to this page of the
    list, and their UPN beneath."""
    url = _record_url(context, person.pk)
    upn = conditional_escape(person.upn or "No UPN")
    return mark_safe(  # noqa: S308  # nosec B308 B703  # every value is escaped
        f'<a class="govuk-link" href="{url}?{conditional_escape(way_back)}">'
        f"{conditional_escape(person.surname)}, {conditional_escape(person.forename)}</a>"
        f'<span class="govuk-body-s govuk-!-display-block">{upn}</span>'
    )
