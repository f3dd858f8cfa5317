"""An indicator's rules read as one sentence of alternatives, a rule a line: "At least 2
police incidents …" then "or an open child-protection plan". Each rule is written to
stand alone with a capital (the API lists them so), which read "or At least" when the
pages joined them."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from portal.sentences import in_a_sentence

register = template.Library()


@register.filter
def alternatives(rules: list[str]) -> SafeString:
    if not rules:
        return format_html("")
    rest = format_html_join("", "<br>or {}", ((in_a_sentence(rule),) for rule in rules[1:]))
    return format_html("{}{}", rules[0], rest)
