"""IdIn and IdAmong: a long list of ids as one array literal on PostgreSQL, and as a
plain IN list elsewhere (SQLite, for the demo)."""

from unittest import mock

import pytest
from django.db.models import F

from portal.db_lookups import IdAmong, IdIn
from schools.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_id_in_finds_exactly_the_listed_rows_with_one_text_parameter():
    first, second, third = PersonFactory.create_batch(3)
    people = Person.objects.filter(IdIn(F("pk"), [first.pk, third.pk]))
    assert set(people) == {first, third}
    sql, params = people.query.sql_with_params()
    # One text literal, not a list psycopg2 would send as ARRAY[...] of one constant per id.
    assert params == (f"{{{first.pk},{third.pk}}}",)
    assert "= ANY(%s::bigint[])" in sql


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


@pytest.mark.parametrize("lookup", [IdIn, IdAmong])
def test_without_postgresqls_own_form_the_ids_are_an_in_list_with_the_same_rows(lookup):
    """The branch the SQLite demo runs, run here by leaving out the PostgreSQL form."""
    first, second, third = PersonFactory.create_batch(3)
    with mock.patch.object(lookup, "as_postgresql", None):
        people = Person.objects.filter(lookup(F("pk"), [first.pk, third.pk]))
        sql, params = people.query.sql_with_params()
        assert set(people) == {first, third}
        assert not Person.objects.filter(lookup(F("pk"), [])).exists()
    assert params == (first.pk, third.pk)
    assert '"schools_person"."id" IN (%s, %s)' in sql
