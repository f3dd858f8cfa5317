"""Sections other capabilities add to a young person's page (trigger points, referrals).
The schools app never imports them: each registers a section here from its
AppConfig.ready(). A section's context is built for the signed-in viewer, who may
already open the record; what it shows of its own records is its own access-layer
question, and the page's access-log entry already names the young person."""

from collections.abc import Callable
from dataclasses import dataclass

from schools.models import Person

SectionContext = Callable[[object, Person], dict | None]
"""(viewer, person) -> the template's context, or None to leave the section out."""
SectionData = Callable[[object, Person], object]
"""(viewer, person) -> the section as JSON-ready data for the young-person API, or None."""


@dataclass(frozen=True)
class RecordSection:
    code: str
    template: str
    context: SectionContext
    order: int = 100
    """Sections are shown in this order, after the identity and before the events."""
    data: SectionData | None = None


@dataclass(frozen=True)
class ShownSection:
    code: str
    template: str
    context: dict


_SECTIONS: dict[str, RecordSection] = {}


def register_record_section(
    *, code: str, template: str, context: SectionContext, order: int = 100, data: SectionData | None = None
) -> None:
    """Registering a code again replaces it (Django may call ready() more than once)."""
    _SECTIONS[code] = RecordSection(code=code, template=template, context=context, order=order, data=data)


def record_sections_for(viewer: object, person: Person) -> list[ShownSection]:
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.code)):
        context = section.context(viewer, person)
        if context is not None:
            shown.append(ShownSection(code=section.code, template=section.template, context=context))
    return shown


def record_data_for(viewer: object, person: Person) -> dict[str, object]:
    """The sections that offer data, by code, for the young-person API."""
    data = {}
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.code)):
        if section.data is not None and (value := section.data(viewer, person)) is not None:
            data[section.code] = value
    return data
