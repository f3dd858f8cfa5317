"""What a screen reader or keyboard user relies on in a page's HTML, checked without a
browser: one h1 and no skipped heading levels, a name for every control, hints and
errors tied to their field, options grouped under a legend, tables with captions and
header scope, and links that say where they go when read out of context."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VAGUE = {
    "open",
    "change",
    "view",
    "edit",
    "remove",
    "delete",
    "details",
    "more",
    "select",
    "here",
    "click here",
    "read more",
}
"""Link or button words that name no item: a screen reader's list of links reads them alone."""
GENERIC_ERRORS = (
    "This field is required.",
    "Enter a valid date.",
    "Enter a whole number.",
    "Select a valid choice.",
)
"""Django's default messages: read alone in the error summary they name no field."""
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}


@dataclass
class _Control:
    tag: str
    attrs: dict[str, str]
    in_fieldset_with_legend: bool
    in_label: bool


@dataclass
class PageStructure(HTMLParser):
    title: str = ""
    headings: list[int] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    label_for: set[str] = field(default_factory=set)
    controls: list[_Control] = field(default_factory=list)
    described_by: list[str] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)
    """(tag, text as read aloud) of every link and button."""
    unmarked_current: int = 0
    """Items of a menu shown as the current one (in bold, not a link) without aria-current."""
    control_ids: set[str] = field(default_factory=set)
    error_messages: list[dict] = field(default_factory=list)
    """Each field's error message: its id and its words."""
    summary_links: list[str] = field(default_factory=list)
    nested_forms: int = 0
    """Forms opened inside another: HTML has none, so a browser drops the inner form's tag
    and its fields and button belong to the outer one."""

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._fieldsets: list[dict] = []
        self._text: list[list[str]] = []
        self._labelled: list[bool] = []
        self._in_title = False
        self._in_summary = 0
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.append(a["id"])
        if a.get("aria-describedby"):
            self.described_by.extend(a["aria-describedby"].split())
        classes = a.get("class", "").split()
        if "govuk-error-summary" in classes:
            self._in_summary = len(self._stack) + 1
        elif tag == "a" and self._in_summary and a.get("href", "").startswith("#"):
            self.summary_links.append(a["href"][1:])
        if "govuk-error-message" in classes:
            self.error_messages.append({"id": a.get("id"), "words": "", "depth": len(self._stack) + 1})
        if tag in ("input", "select", "textarea") and a.get("id"):
            self.control_ids.add(a["id"])
        if tag == "title" and not self.title:  # the page's, not a chart's SVG title
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "label" and a.get("for"):
            self.label_for.add(a["for"])
        elif tag == "fieldset":
            self._fieldsets.append({"legend": False})
        elif tag == "legend" and self._fieldsets:
            self._fieldsets[-1]["legend"] = True
        elif tag in ("input", "select", "textarea") and a.get("type") not in UNLABELLED_INPUTS:
            self.controls.append(
                _Control(
                    tag,
                    a,
                    any(f["legend"] for f in self._fieldsets)
                    # a row's checkbox in a captioned table is grouped by the caption
                    or bool(
                        self.tables
                        and self.tables[-1]["caption"]
                        and any(t == "table" for t, _ in self._stack)
                    ),
                    any(t == "label" for t, _ in self._stack),
                )
            )
        elif tag == "form" and any(t == "form" for t, _ in self._stack):
            self.nested_forms += 1
        elif tag == "table":
            self.tables.append({"caption": False, "caption_text": "", "th_without_scope": 0})
        elif tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
            self._in_caption = True
        elif tag == "th" and self.tables and "scope" not in a:
            self.tables[-1]["th_without_scope"] += 1
        if tag == "strong" and any(t == "nav" for t, _ in self._stack) and "aria-current" not in a:
            self.unmarked_current += 1
        if tag in ("a", "button"):
            self._text.append([a.get("aria-label", "")] if a.get("aria-label") else [])
            self._labelled.append(bool(a.get("aria-label")))
        if tag not in VOID:
            self._stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False
        if tag == "title":
            self._in_title = False
        elif tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        if tag in ("a", "button") and self._text:
            self._labelled.pop()
            self.actions.append((tag, " ".join("".join(self._text.pop()).split())))
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        if self._in_summary > len(self._stack):
            self._in_summary = 0
        self._in_caption = False
        for message in self.error_messages:
            if message["depth"] > len(self._stack):
                message["depth"] = 0

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.tables[-1]["caption_text"] += data
        if self._in_title:
            self.title += data
        for message in self.error_messages:
            if message["depth"]:
                message["words"] += data
        for words, labelled in zip(self._text, self._labelled, strict=True):
            if not labelled:
                words.append(data)

    def problems(self) -> list[str]:
        """Each way the page fails someone who cannot see it or use a mouse."""
        found = []
        if self.headings.count(1) != 1:
            found.append(f"{self.headings.count(1)} h1 elements")
        for before, after in zip(self.headings, self.headings[1:], strict=False):
            if after > before + 1:
                found.append(f"heading level skips from h{before} to h{after}")
        duplicates = {i for i in self.ids if self.ids.count(i) > 1}
        if duplicates:
            found.append(f"duplicate ids {sorted(duplicates)}")
        ids = set(self.ids)
        if missing := set(self.described_by) - ids:
            found.append(f"aria-describedby names no element: {sorted(missing)}")
        if missing := self.label_for - ids:
            found.append(f"a label is for no element: {sorted(missing)}")
        for control in self.controls:
            a = control.attrs
            named = (
                a.get("id") in self.label_for
                or control.in_label
                or a.get("aria-label")
                or a.get("aria-labelledby")
            )
            if not named:
                found.append(f"<{control.tag} name={a.get('name')!r}> has no label")
            grouped = (
                a.get("type") == "radio"
                or sum(c.attrs.get("name") == a.get("name") for c in self.controls) > 1
            )
            if grouped and a.get("type") in ("radio", "checkbox") and not control.in_fieldset_with_legend:
                found.append(f"{a.get('type')} {a.get('name')!r} is not in a fieldset with a legend")
        if self.unmarked_current:
            found.append("a menu's current item is bold but not marked aria-current")
        if self.nested_forms:
            found.append(f"{self.nested_forms} form(s) inside another form")
        captions = [" ".join(t["caption_text"].split()) for t in self.tables if t["caption"]]
        if repeated := {c for c in captions if captions.count(c) > 1}:
            found.append(
                f"tables share a caption (a list of tables cannot tell them apart): {sorted(repeated)}"
            )
        for n, table in enumerate(self.tables, 1):
            if not table["caption"]:
                found.append(f"table {n} has no caption")
            if table["th_without_scope"]:
                found.append(f"table {n} has {table['th_without_scope']} th without scope")
        for tag, text in self.actions:
            if text.lower().strip(" .›»") in VAGUE:
                found.append(f"<{tag}> reads only {text!r}")
            if not text:
                found.append(f"<{tag}> has no text")
        return found

    def error_problems(self) -> list[str]:
        """Each way a form's errors fail someone who cannot see the red: the title must
        say there is an error, each summary link must land on a control, and each field's
        message must be read out when its field (or its fieldset) gets focus."""
        found = []
        if not self.title.startswith("Error: "):
            found.append(f"the title {self.title!r} does not start with 'Error: '")
        if missing := set(self.summary_links) - self.control_ids:
            found.append(f"error summary links land on no control: {sorted(missing)}")
        described = set(self.described_by)
        for message in self.error_messages:
            words = " ".join(message["words"].split())
            if not words.startswith("Error:"):
                found.append(f"error message {words!r} does not start with a hidden 'Error:'")
            if words.endswith(GENERIC_ERRORS):
                found.append(f"error message {words!r} does not say which field or what to do")
            if message["id"] not in described:
                found.append(f"error message {words!r} is tied to no field by aria-describedby")
        return found


def page_structure(html: str) -> PageStructure:
    page = PageStructure()
    page.feed(html)
    page.close()
    page.title = " ".join(page.title.split())
    return page
