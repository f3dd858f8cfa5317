"""Who the review queue proposes: the likeliest people, and never the one a row was
split from."""

import datetime

from chronology.models import SourceRecord
from schools.models import Person
from tests.factories import PersonFactory


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
