"""A screen reader's list of links reads each link alone: two "Open this trigger point
raised" links, or three "Report: this may not be about Damian", could not be told apart
on a young person's page, so each names its entry's date. The entry's kind is named as
its column reads it: lower-cased into a sentence, "Referred to SAFE" read "this referred
to safe of 3 Dec 2026"."""

import datetime
from types import SimpleNamespace

from django.template.loader import render_to_string

from tests.portal.page_structure import page_structure


def test_each_entry_link_names_its_entry():
    person = SimpleNamespace(pk=7, forename="Damian")
    entries = [
        SimpleNamespace(
            occurred_on=datetime.date(2026, 12, day),
            ended_on=None,
            is_gap=False,
            is_family=False,
            category_label="Trigger point raised",
            about="Damian",
            summary="Persistent absence",
            url="/trigger-points/",
            source_label="",
            probable_match=False,
            doubted_on=None,
            reportable_event_id=day,
        )
        for day in (1, 3)
    ]
    html = render_to_string("chronology/_timeline_table.html", {"entries": entries, "person": person})

    links = [text for tag, text in page_structure(html).actions if tag == "a"]

    assert links == [
        "Open: Trigger point raised, 1 Dec 2026",
        "Report: this may not be about Damian (Trigger point raised, 1 Dec 2026)",
        "Open: Trigger point raised, 3 Dec 2026",
        "Report: this may not be about Damian (Trigger point raised, 3 Dec 2026)",
    ]
