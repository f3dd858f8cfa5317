"""The one wrapper every data table sits in, so that on a narrow screen (a phone, or a
desktop zoomed to 400%) a wide table scrolls inside its own box instead of making the
whole page scroll sideways (WCAG 2.2 SC 1.4.10 Reflow). The box is focusable and named,
so a keyboard user can scroll it with the arrow keys and a screen reader says what it
holds; it needs no JavaScript."""

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


class TableRegionNode(template.Node):
    def __init__(self, label: list[FilterExpression], nodelist: NodeList) -> None:
        self.label = label
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        label = " ".join(str(part.resolve(context)) for part in self.label)
        return format_html(
            '<div class="portal-table-region" role="region" aria-label="{}" tabindex="0">{}</div>',
            label,
            # A rendered template is already a SafeString: format_html leaves it be.
            self.nodelist.render(context),
        )


@register.tag
def table_region(parser: Parser, token: Token) -> TableRegionNode:
    """`{% table_region "Flag rates by" table.in_sentence %}<table>…</table>{% endtable_region %}`.
    The label (its parts joined by spaces) is what a screen reader announces on reaching
    the box, so it names the table as its caption does; an aria-label rather than the
    caption itself, because many captions are visually hidden sentences or carry counts
    that would be read out twice."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a label for the region")
    nodelist = parser.parse(("endtable_region",))
    parser.delete_first_token()
    return TableRegionNode([parser.compile_filter(bit) for bit in bits[1:]], nodelist)
