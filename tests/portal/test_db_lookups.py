"""IdIn and IdAmong: a long list of ids as one array parameter on PostgreSQL."""

import pytest
from django.db.models import F

from portal.db_lookups import IdAmong, IdIn
from schools.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_id_in_finds_exactly_the_listed_rows_with_one_parameter():
    first, second, third = PersonFactory.create_batch(3)
    people = Person.objects.filter(IdIn(F("pk"), [first.pk, third.pk]))
    assert set(people) == {first, third}
    _sql, params = people.query.sql_with_params()
    assert params == ([first.pk, third.pk],)


def test_id_in_an_empty_list_finds_nobody():
    PersonFactory()
    assert not Person.objects.filter(IdIn(F("pk"), [])).exists()


def test_id_among_finds_the_rows_whose_key_is_listed_with_one_parameter():
    first, second, third = PersonFactory.create_batch(3)
    people = Person.objects.filter(IdAmong(F("pk"), [first.pk, third.pk, first.pk]))
    assert set(people) == {first, third}
    _sql, params = people.query.sql_with_params()
    assert params == (f"{{{first.pk},{third.pk},{first.pk}}}",)
    assert not Person.objects.filter(IdAmong(F("pk"), [])).exists()
