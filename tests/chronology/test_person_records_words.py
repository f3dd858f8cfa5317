"""A data officer judging whether a person's linked rows are right reads who the person
is and how each row was linked, in words, not the portal's row ids and method codes."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.chronology.conftest import UPN1
from tests.factories import PersonFactory
from tests.factories.access import user_with_role
from tests.portal.page_structure import page_structure

pytestmark = pytest.mark.django_db


def test_the_records_page_names_the_person_and_says_how_each_row_was_linked(school, run_import):
    ada = PersonFactory(forename="Ada", surname="Lovelace", upn=UPN1)
    run_import(
        "police_incidents",
        f"source_record_id,upn,occurred_at,role,offence_group,summary\nP9,{UPN1},2025-01-01,victim,theft,\n",
    )
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))
    found = client.get(reverse("chronology:find_person"), {"identifier": UPN1})

    html = client.get(found["Location"]).content.decode()

    assert "<title>Records linked to Ada Lovelace" in html
    assert '<h1 class="govuk-heading-l">Records linked to Ada Lovelace</h1>' in html
    assert f"person {ada.pk}" not in html
    assert "Same UPN (certain)" in html
    assert "upn (1.00)" not in html


def test_splitting_nothing_says_so_beside_the_rows_and_the_summary_leads_to_the_first(school, run_import):
    """The error summary's link landed on no element (the checkboxes had their own ids),
    and the rows' checkboxes, in a table with no caption, never read out the error."""
    PersonFactory(forename="Ada", surname="Lovelace", upn=UPN1)
    run_import(
        "police_incidents",
        f"source_record_id,upn,occurred_at,role,offence_group,summary\nP9,{UPN1},2025-01-01,victim,theft,\n",
    )
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))
    url = client.get(reverse("chronology:find_person"), {"identifier": UPN1})["Location"]

    # A browser always sends the CSRF token, so the form is bound even with no row chosen.
    page = page_structure(client.post(url, {"csrfmiddlewaretoken": "sent"}).content.decode())

    assert not page.error_problems()
    assert not page.problems()
    assert page.summary_links == ["id_records_1"]
