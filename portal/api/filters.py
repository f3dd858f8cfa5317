"""What the API's list filters share: refusals in the API's words (portal.api.words), a
record id typed as the integer it is in the OpenAPI description (django-filter's
NumberFilter is described as any number, so a generated client sent
`young_person=4711.0`), and a 400 for a filter that takes one value
given twice (`?school=11&school=12` used the last one, silently: a client building the
query from a list of schools got one school's pupils as if they were all)."""

from collections.abc import Iterable

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.api.converters import MAX_ID
from portal.api.words import in_form_words, in_our_words

ONCE = "Give this filter once: it takes one value (only a filter described as a list may be repeated)."


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """A record id: a whole number the database can hold, else a 400."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs: object) -> None:
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


def id_choice(filter_: django_filters.Filter) -> django_filters.Filter:
    """A choice of records by id whose filtering is a method: described as the integer it
    is, where django-filter would fall back to a string."""
    return extend_schema_field(OpenApiTypes.INT)(filter_)


def repeated(params: object, names: Iterable[str]) -> dict[str, list[str]]:
    """Each of `names` given more than once in a query, as field errors."""
    if not hasattr(params, "getlist"):
        return {}
    return {name: [ONCE] for name in names if len(params.getlist(name)) > 1}


class FilterSet(django_filters.FilterSet):
    """Every API list's filters: one value each, but for a multiple-choice filter."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        in_form_words(self.form)
        single = [
            name for name, f in self.filters.items() if not isinstance(f, django_filters.MultipleChoiceFilter)
        ]
        errors = repeated(self.data, single)
        for name, messages in errors.items():
            self.form.add_error(name, messages)
        return valid and not errors


class QuerySerializer(serializers.Serializer):
    """A query read by a serializer: one value each, but for a list field."""

    def to_internal_value(self, data: object) -> dict:
        single = [name for name, field in self.fields.items() if not isinstance(field, serializers.ListField)]
        errors = repeated(data, single)
        if errors:
            raise serializers.ValidationError(errors)
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(in_our_words(self.fields, data, exc.detail)) from exc
