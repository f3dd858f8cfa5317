"""What the API's list filters share: a record id typed as the integer it is in the
OpenAPI description (django-filter's NumberFilter is described as any number, so a
generated client sent `young_person=4711.0`)."""

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

MAX_ID = 10**18 - 1
"""The largest id a path's `id` converter takes (18 digits)."""


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
