"""The young-person endpoint's `sections`, typed in the OpenAPI description: each section
another capability registers with data for the API (schools.record_sections) is named
with the shape its registration declares. The schools app knows no section itself, so
the description is read from the registry when it is built, not written here."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_object_type
from rest_framework import serializers

from schools.record_sections import api_sections


class RecordSectionsField(serializers.DictField):
    """Each section's data by its code; a section the caller may not see is left out."""


class RecordSectionsDescribed(OpenApiSerializerFieldExtension):
    target_class = RecordSectionsField

    def get_name(self) -> str:
        return "RecordSections"

    def map_serializer_field(self, auto_schema: object, direction: str) -> dict:
        properties = {
            section.code: auto_schema.resolve_serializer(section.schema, direction).ref
            for section in api_sections()
        }
        # No other key is ever sent: a section without a schema cannot be registered.
        return build_object_type(properties=properties, additionalProperties=False)
