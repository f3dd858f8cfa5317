"""Links on the access-log pages."""

from functools import cache

from django import template
from django.template.context import Context
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

from accounts.access_log.page_words import page_words as words_for
from schools.models import Person

register = template.Library()


@register.filter
def page_words(route: str) -> str:
    """The page an entry records, in words for IG (the route stays in the CSV)."""
    return words_for(route)


@register.simple_tag(takes_context=True)
def user_history_url(context: Context, user_id: int) -> str:
    """The user's access history page. A page of entries names the same few users again
    and again, so each one's URL is reversed once per render, not once per entry."""
    urls = context.render_context.setdefault("user_history_urls", {})
    if user_id not in urls:
        urls[user_id] = reverse("access_log:user_history", args=[user_id])
    return urls[user_id]


_SOME_ID = 987654321


@cache
def _person_history_url() -> str:
    """The history URL with a slot for the id: reversing it for each of a page's 250
    people was a tenth of the page's time."""
    return reverse("access_log:person_history", args=[_SOME_ID]).replace(str(_SOME_ID), "{}")


@register.simple_tag
def person_identity(person: Person) -> str:
    """A young person as IG's pages name them: linked name, birth date and UPN. A tag,
    not an included template: a page of entries names 250 people, and an include each
    cost more than the rest of the page."""
    url = _person_history_url().format(person.pk)
    born = ""
    if person.date_of_birth:
        born = format_html(", born {}", date_format(person.date_of_birth, "j M Y"))
    upn = format_html(' <span class="govuk-body-s">(UPN {})</span>', person.upn) if person.upn else ""
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>{}{}', url, person.full_name or "Name not recorded", born, upn
    )
