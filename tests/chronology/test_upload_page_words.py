"""A data officer's upload page reads as English for every feed: "Upload a Attendance
file" and "Upload a Early help file" did not."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("code", "name"), [("attendance", "Attendance"), ("early_help", "Early help")])
def test_the_upload_page_and_its_link_name_the_feed_in_a_sentence(register, code, name):
    client = Client()
    client.force_login(user_with_role(Role.DATA_OFFICER))

    page = client.get(reverse("chronology:upload", args=[code])).content.decode()
    index = client.get(reverse("chronology:index")).content.decode()

    heading = f"Upload a file to the {name} feed"
    assert f"<title>{heading}" in page
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
    assert f"Upload a {name} file" not in page
    assert f'<span class="govuk-visually-hidden"> a file to the {name} feed</span>' in index
