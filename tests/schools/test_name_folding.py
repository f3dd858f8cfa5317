"""The folded names every search matches: the same key whichever way a name was
recorded, kept when a feed renames someone."""

import pytest

from schools.models import Person
from schools.name_folding import fold, name_key, same_name
from tests.factories import PersonFactory


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("O’Brien", "obrien"),
        ("  ZOË  ", "zoe"),
        ("Łukasz", "lukasz"),
        ("Smith-Jones", "smith jones"),
        ("Jones, Sam", "jones sam"),
        ("Ørsted Æsir", "orsted aesir"),
        ("%_\\", ""),
    ],
)
def test_fold(typed, folded):
    assert fold(typed) == folded


def test_a_name_of_several_words_is_also_kept_run_together():
    assert name_key("Mary Ann", "Smith-Jones") == "mary ann maryann smith jones smithjones"


def test_same_name_ignores_what_people_leave_out():
    assert same_name("O'Brien", "o brien")
    assert same_name("Smith-Jones", "SMITHJONES")
    assert not same_name("Ann", "Anna")


@pytest.mark.django_db
def test_the_key_follows_a_rename_saved_with_update_fields():
    person = PersonFactory(forename="Zoë", surname="Smith")
    person.surname = "O'Brien"
    person.save(update_fields=["surname", "updated_at"])
    assert Person.objects.get(pk=person.pk).name_key == "zoe obrien"
