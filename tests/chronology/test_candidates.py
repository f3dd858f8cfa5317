"""Who the review queue proposes: the likeliest people, and never the one a row was
split from."""

import datetime

import pytest

from accounts.roles import Role
from chronology.models import LinkReview, SourceRecord
from chronology.services.linkage import review_decide, split_records
from schools.models import Person
from tests.chronology.conftest import blank_columns_filled
from tests.factories import PersonFactory, UserFactory

POLICE = "source_record_id,forename,surname,date_of_birth,postcode,occurred_at,role,offence_group\n"


@pytest.fixture
def run_import(run_import):
    return blank_columns_filled(run_import)


def test_the_right_person_is_found_among_more_than_fifty_with_the_same_name(register, run_import):
    """A households row for a common name: the person with the same birth date and
    postcode must be among the candidates, or the row would create a duplicate."""
    first = datetime.date(2010, 1, 1)
    for n in range(60):
        PersonFactory(
            upn=None,
            forename="Mohammed",
            surname="Khan",
            date_of_birth=first + datetime.timedelta(days=n),
            postcode="NB9 9ZZ",
        )
    right = PersonFactory(
        upn=None, forename="Mohammed", surname="Khan", date_of_birth="2012-03-04", postcode="NB1 2AB"
    )

    run = run_import(
        "households",
        "source_record_id,family_id,forename,surname,date_of_birth,postcode,relationship\n"
        "H1,FAM1,Mohammed,Khan,2012-03-04,NB1 2AB,child\n",
    )

    assert run.rows_imported == 1
    assert SourceRecord.objects.get().person == right
    assert Person.objects.count() == 61, "no duplicate person is created"


def test_a_split_row_is_scored_again_without_the_person_it_was_split_from(register, run_import):
    wrong, right = (
        PersonFactory(
            upn=None, forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode="NB1 2AB"
        )
        for _ in range(2)
    )
    run_import(
        "police_incidents", POLICE + "P1,Ada,Lovelace,2012-03-04,NB1 2AB,2025-03-14T16:30,arrested,robbery\n"
    )
    officer = UserFactory(role=Role.DATA_OFFICER)
    review_decide(by=officer, review=LinkReview.objects.get(), action="linked", person=wrong, note="")

    (returned,) = split_records(by=officer, person=wrong, source_record_ids=[SourceRecord.objects.get().pk])

    assert [c["person_id"] for c in returned.candidates] == [right.pk]
    assert returned.candidates[0]["score"] == 1.0
    assert "date of birth same" in returned.candidates[0]["reasons"]
