"""Sections other capabilities add to a young person's page (trigger points, referrals).
The schools app never imports them: each registers a section here from its
AppConfig.ready(). A section's context is built for the signed-in viewer, who may
already open the record; what it shows of its own records is its own access-layer
question. The page's access-log entry names the young person, and also whoever else a
section says it shows (a relative whose event is a trigger point's evidence): only the
section knows, and the entry must name everyone the page shows."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from schools.models import Person

SectionContext = Callable[[object, Person], dict | None]
"""(viewer, person) -> the template's context, or None to leave the section out."""
SectionData = Callable[[dict], object]
"""(the section's context) -> the section as JSON-ready data for the young-person API, or
None: the API shows what the page shows, from the same context."""
SectionPeople = Callable[[dict], Iterable[int]]
"""(the section's context) -> the people it shows besides the young person."""
SectionSchema = type
"""A DRF serializer class describing what `data` returns, for the OpenAPI description of
the young-person API's `sections` (schools.api.serializers.RecordSectionsDescribed)."""


@dataclass(frozen=True)
class RecordSection:
    code: str
    template: str
    context: SectionContext
    order: int = 100
    """Sections are shown in this order, after the identity and before the events."""
    data: SectionData | None = None
    people: SectionPeople | None = None
    schema: SectionSchema | None = None


@dataclass(frozen=True)
class ShownSection:
    code: str
    template: str
    context: dict
    people: tuple[int, ...] = ()
    """Whom the section shows besides the young person, for the access log."""


_SECTIONS: dict[str, RecordSection] = {}


def register_record_section(
    *,
    code: str,
    template: str,
    context: SectionContext,
    order: int = 100,
    data: SectionData | None = None,
    people: SectionPeople | None = None,
    schema: SectionSchema | None = None,
) -> None:
    """Registering a code again replaces it (Django may call ready() more than once). A
    section the API shows (`data`) must say its shape (`schema`): the API's description
    promises a client every key it may meet, and cannot ask the section."""
    if data is not None and schema is None:
        raise ValueError(f"The record section {code!r} gives the API data, so it must give its schema.")
    _SECTIONS[code] = RecordSection(
        code=code, template=template, context=context, order=order, data=data, people=people, schema=schema
    )


def api_sections() -> list[RecordSection]:
    """The sections the young-person API may show, in their order, for its description."""
    return [s for s in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.code)) if s.data is not None]


def _built(
    viewer: object, person: Person, *, with_data: bool = False
) -> list[tuple[RecordSection, ShownSection]]:
    """The sections shown to the viewer; `with_data`: only those the API shows, so that it
    builds no page-only section's context."""
    built = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.code)):
        if with_data and section.data is None:
            continue
        context = section.context(viewer, person)
        if context is not None:
            people = tuple(section.people(context)) if section.people else ()
            built.append((section, ShownSection(section.code, section.template, context, people)))
    return built


def record_sections_for(viewer: object, person: Person) -> list[ShownSection]:
    return [shown for _, shown in _built(viewer, person)]


def record_data_for(viewer: object, person: Person) -> tuple[dict[str, object], list[int]]:
    """The sections that offer data, by code, for the young-person API, and whom they
    show besides the young person."""
    data, people = {}, []
    for section, shown in _built(viewer, person, with_data=True):
        if (value := section.data(shown.context)) is not None:
            data[section.code] = value
            people += shown.people
    return data, people


def people_in_sections(shown: list[ShownSection]) -> list[int]:
    """Whom the page's sections show besides the young person, for its access-log entry."""
    return [pk for section in shown for pk in section.people]
