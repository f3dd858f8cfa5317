"""Every data table sits in the focusable, named box that lets it scroll on its own at
320 px (portal/templatetags/tables.py), checked in the templates themselves, so a new
table cannot widen a page on a phone without this failing."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError

TEMPLATES = Path(settings.BASE_DIR) / "templates"
TAGS = re.compile(r"{%\s*(table_region|endtable_region)\b|<table\b")


def unwrapped_tables(source: str) -> int:
    depth = unwrapped = 0
    for match in TAGS.finditer(source):
        if match.group(1) == "table_region":
            depth += 1
        elif match.group(1) == "endtable_region":
            depth -= 1
        elif depth == 0:
            unwrapped += 1
    return unwrapped


def test_every_table_in_the_templates_is_in_a_table_region():
    found = {
        str(path.relative_to(TEMPLATES)): unwrapped_tables(path.read_text())
        for path in TEMPLATES.rglob("*.html")
        if "<table" in path.read_text()
    }
    assert len(found) > 30, "the templates' tables were found"
    assert not {path: n for path, n in found.items() if n}, "wrap each table in {% table_region %}"


def test_a_table_region_is_focusable_and_named_from_its_parts_escaped():
    html = Template(
        '{% load tables %}{% table_region "Flag rates by" group %}<table></table>{% endtable_region %}'
    ).render(Context({"group": "sex <script>"}))
    assert html == (
        '<div class="portal-table-region" role="region" aria-label="Flag rates by sex &lt;script&gt;"'
        ' tabindex="0"><table></table></div>'
    )


def test_a_table_region_needs_a_label():
    with pytest.raises(TemplateSyntaxError, match="needs a label"):
        Template("{% load tables %}{% table_region %}<table></table>{% endtable_region %}")
