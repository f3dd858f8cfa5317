"""A select's options, written in Python: a filter form's selects hold a few dozen
options between them, and resolving the field's value twice for each one through the
template engine cost a list page more than the rest of its filter form
(docs/benchmark-findings.md)."""

from django import template
from django.forms import BoundField
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def select_options(field: BoundField) -> SafeString:
    """`<option>`s of the field's choices, the one matching its value (as text) selected."""
    current = str(field.value())
    return mark_safe(  # noqa: S308  # nosec B308 B703  # every value is escaped
        "".join(
            f'<option value="{conditional_escape(value)}"{" selected" if current == str(value) else ""}>'
            f"{conditional_escape(label)}</option>"
            for value, label in field.field.choices
        )
    )
