"""What every API request body shares: a field it does not take is a 400 naming it.
DRF ignores such a field, so a session sent with `young_person` (a field of the
answer) naming another child was recorded for the intervention's own young person and
answered 201; a client reading that answer thought it had recorded what it sent."""

from collections.abc import Mapping

from rest_framework import serializers

from portal.api.words import in_our_words

NOT_TAKEN = "Not a field this takes: it takes {taken}."


class Body(serializers.Serializer):
    """A request body, or a part of one (a session's mark), that refuses other fields.
    `instead` gives a field's own words where the answer has it but the body does not."""

    instead: dict[str, str] = {}

    def to_internal_value(self, data: object) -> dict:
        if not isinstance(data, Mapping):
            return super().to_internal_value(data)
        taken = [name for name, field in self.fields.items() if not field.read_only]
        refused = {
            name: [self.instead.get(name) or NOT_TAKEN.format(taken=", ".join(taken))]
            for name in data
            if name not in taken
        }
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            said = in_our_words(self.fields, data, exc.detail)
            raise serializers.ValidationError({**said, **refused}) from exc
        if refused:
            raise serializers.ValidationError(refused)
        return value


def bodies_closed(result: dict, generator: object, request: object, public: bool) -> dict:
    """Each request body's component, and those nested in it, says it takes no other
    field (`additionalProperties: false`), as the API refuses one."""
    schemas = result.get("components", {}).get("schemas", {})
    refs = [
        media.get("schema", {}).get("$ref", "")
        for operations in result.get("paths", {}).values()
        for operation in operations.values()
        for media in operation.get("requestBody", {}).get("content", {}).values()
    ]
    while refs:
        schema = schemas.get(refs.pop().rsplit("/", 1)[-1])
        if schema is None or schema.get("additionalProperties") is False:
            continue
        schema["additionalProperties"] = False
        for prop in schema.get("properties", {}).values():
            refs.append(prop.get("$ref") or prop.get("items", {}).get("$ref", ""))
    return result
