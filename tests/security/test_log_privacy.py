"""No personal data in server logs or error reports: the main journeys' logs, captured
as the configured handlers write them, name no child and quote no identifier."""

import io
import logging
import sys

import pytest
from django.urls import reverse

from accounts.roles import Role
from portal.log_privacy import (
    NoPersonalDataExceptionReporter,
    NoPersonalDataFilter,
    NoPersonalDataReporterFilter,
    scrub,
)
from tests.factories import EnrolmentFactory, PersonFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil():
    school = SchoolFactory()
    person = PersonFactory(forename="Zebedee", surname="Quartermaine")
    EnrolmentFactory(school=school, person=person)
    return school, person


@pytest.fixture
def captured_logs(settings):
    """The log lines as the configured handlers write them: every handler in LOGGING
    carries the filter, and a handler with that filter records what it would write."""
    assert all("no_personal_data" in h.get("filters", []) for h in settings.LOGGING["handlers"].values())
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    handler.addFilter(NoPersonalDataFilter())
    loggers = [logging.getLogger(name) for name in ("", "django.server", "django.request")]
    for logger in loggers:
        logger.addHandler(handler)
    yield stream
    for logger in loggers:
        logger.removeHandler(handler)


def test_the_main_journeys_log_no_name_or_identifier(client, pupil, captured_logs):
    school, person = pupil
    head = school_staff(Role.HEAD_TEACHER, school)
    client.force_login(head)
    client.get(reverse("young_person_list") + f"?q={person.surname}")
    client.get(reverse("young_person_list") + f"?q={person.upn}")
    client.get(reverse("young_person_detail", args=[person.pk]))
    client.get(reverse("young_person_detail", args=[999999999]) + f"?q={person.forename}")
    ig = user_with_role(Role.IG_OFFICER)
    client.force_login(ig)
    client.get(reverse("access_log:people") + f"?name={person.surname}")
    client.get(reverse("young_person_list") + f"?q={person.surname}")  # refused: logged as 403
    logging.getLogger("django.server").info(
        '"%s" %s %s', f"GET /young-people/?q={person.surname} HTTP/1.1", "200", "1234"
    )
    try:
        raise ValueError(f"duplicate key\nDETAIL:  Key (upn)=({person.upn}) from {head.email} exists.")
    except ValueError:
        logging.getLogger("django.request").exception("Internal Server Error: /young-people/")
    logs = captured_logs.getvalue()
    assert "Internal Server Error" in logs, "the logs were captured"
    for secret in (person.forename, person.surname, person.upn, head.email, ig.email):
        assert secret not in logs, secret


def test_scrub_removes_query_strings_and_identifiers():
    line = (
        '"GET /young-people/?q=Smith&page=2 HTTP/1.1" 200 12 a.b@x.example A123456789012 NB1 2AB 943 476 5919'
    )
    assert scrub(line) == '"GET /young-people/?[removed] HTTP/1.1" 200 12 [email] [UPN] [postcode] [number]'


def test_scrub_handles_hostile_long_values_whole():
    """The hostile-input walk sends 10,000-character values; each must be scrubbed in one
    pass, an email inside a long run of word characters included."""
    run = "a" * 20_000
    assert scrub(run) == run
    assert scrub(f"{run}@x.example and {run}") == f"[email] and {run}"
    assert scrub(f"({run}.b+c@mail.x.example)") == "([email])"


def test_error_reports_show_no_request_data_or_local_variables(rf, pupil):
    _, person = pupil
    request = rf.post(f"/young-people/?q={person.surname}", {"reason": f"About {person.forename}"})
    secret = person.upn  # noqa: F841 - a local variable the report must not show
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        reporter = NoPersonalDataExceptionReporter(request, *sys.exc_info())
        assert isinstance(reporter.filter, NoPersonalDataReporterFilter)
        text = reporter.get_traceback_text() + reporter.get_traceback_html()
    assert "boom" in text
    for value in (person.surname, person.forename, person.upn):
        assert value not in text
