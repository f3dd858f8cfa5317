"""Links on the access-log pages."""

from django import template
from django.template.context import Context
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def user_history_url(context: Context, user_id: int) -> str:
    """The user's access history page. A page of entries names the same few users again
    and again, so each one's URL is reversed once per render, not once per entry."""
    urls = context.render_context.setdefault("user_history_urls", {})
    if user_id not in urls:
        urls[user_id] = reverse("access_log:user_history", args=[user_id])
    return urls[user_id]
