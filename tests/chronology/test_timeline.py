"""The chronology selector: redaction by role, family periods, ordering, filters, the
registry of other capabilities' sources, and a query count that does not grow."""

import ast
import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.access import RESTRICTED_NOTICE, DetailLevel
from accounts.roles import Role
from chronology.models import Feed, Sensitivity
from chronology.timeline import TimelineFilter, timeline_for
from chronology.timeline_sources import SourceRow, register_timeline_source, unregister_timeline_source
from tests.chronology.timeline_world import CATEGORY_ONLY, VISIBLE_TEXT, build_world
from tests.factories import EventFactory, FeedFactory

pytestmark = pytest.mark.django_db
D = datetime.date
RECORD_ROLES = (Role.HEAD_TEACHER.value, Role.DSL.value, Role.TASKFORCE.value)


@pytest.fixture
def world():
    return build_world()


def _read(world, role, filters=None):
    timeline = timeline_for(world.users[role], world.pupil, filters)
    return timeline, timeline.hydrate(timeline.entries)


@pytest.mark.parametrize("role", RECORD_ROLES)
def test_each_role_reads_the_text_of_exactly_its_tiers(world, role):
    _, entries = _read(world, role)
    texts = {e.summary for e in entries if e.summary}
    expected = {world.texts[k] for k in VISIBLE_TEXT[role]}
    assert expected <= texts
    assert not ({*world.texts.values()} - expected) & texts
    without_text = {e.category_label for e in entries if e.level == DetailLevel.CATEGORY_AND_DATE}
    assert without_text == CATEGORY_ONLY[role]
    for entry in entries:
        if not entry.in_full:
            assert (entry.summary, entry.source_label, entry.reference, entry.url) == (None, None, None, None)


@pytest.mark.parametrize(("role", "notice"), [("head_teacher", True), ("dsl", False), ("taskforce", False)])
def test_one_restricted_line_for_head_teachers_whatever_the_filter(world, role, notice):
    expected = RESTRICTED_NOTICE if notice else None
    assert _read(world, role)[0].restricted_notice == expected
    only_2025_march = TimelineFilter(start=D(2025, 3, 1), end=D(2025, 3, 31), with_family=False)
    assert _read(world, role, only_2025_march)[0].restricted_notice == expected


@pytest.mark.parametrize("role", ["ig_officer", "data_officer", "administrator", "other_school_head_teacher"])
def test_roles_without_the_record_read_nothing(world, role):
    timeline, entries = _read(world, role)
    assert entries == []
    assert timeline.restricted_notice is None


def test_family_events_only_while_they_lived_together_marked_with_the_relationship(world):
    _, entries = _read(world, "taskforce")
    about = {e.summary: e.about for e in entries if e.is_family}
    assert about == {
        world.texts["brother_in"]: "Brother (former household member)",
        world.texts["household_restricted"]: "Household",
    }
    assert world.texts["brother_before"] not in {e.summary for e in entries}


@pytest.mark.parametrize("role", RECORD_ROLES)
def test_a_relatives_attendance_is_not_family_context(world, role):
    """docs/access.md keeps attendance, threshold crossings included, to a pupil's own
    school: a brother's 'missed 52% of sessions' is his school's business, not context
    for his sister's DSL."""
    feed = FeedFactory(code=Feed.Code.ATTENDANCE, default_sensitivity=Sensitivity.EDUCATION)
    for person, text in (
        (world.brother, "Brother became severely absent"),
        (world.pupil, "Became persistently absent"),
    ):
        EventFactory(
            person=person, feed=feed, category="attendance_threshold", occurred_on=D(2024, 6, 3), summary=text
        )

    timeline, entries = _read(world, role)

    assert [(e.about, e.summary) for e in entries if e.category == "attendance_threshold"] == [
        ("This young person", "Became persistently absent")
    ]
    assert {c.code: c.count for c in timeline.categories}["attendance_threshold"] == 1
    assert timeline_for(world.users[role], world.pupil, newest=1000).total == timeline.total


def test_provenance_for_the_taskforce_and_probable_match_for_everyone(world):
    _, entries = _read(world, "taskforce")
    caution = next(e for e in entries if e.summary == world.texts["own_partner"])
    assert caution.probable_match
    assert caution.confidence == pytest.approx(0.82)
    assert caution.source_label == "Youth justice"
    assert caution.reference.startswith("REF-")
    assert caution.imported_file == "youth_justice-march.csv"
    assert caution.imported_on
    _, dsl_entries = _read(world, "dsl")
    caution = next(e for e in dsl_entries if e.summary == world.texts["own_partner"])
    assert caution.probable_match
    assert caution.confidence is None
    assert caution.imported_file is None
    assert caution.reportable_event_id
    _, head_entries = _read(world, "head_teacher")
    caution = next(e for e in head_entries if e.category == "youth_caution")
    assert caution.probable_match
    assert caution.reportable_event_id is None


def test_newest_first_with_ties_in_a_fixed_order_and_oldest_first_the_exact_reverse(world):
    feed = FeedFactory(code=Feed.Code.SUSPENSIONS)
    first = EventFactory(person=world.pupil, feed=feed, category="suspension", occurred_on=D(2025, 3, 3))
    second = EventFactory(person=world.pupil, feed=feed, category="suspension", occurred_on=D(2025, 3, 3))
    newest = _read(world, "taskforce")[1]
    keys = [e.key for e in newest]
    assert keys.index(f"event:{second.pk}") < keys.index(f"event:{first.pk}")
    assert [e.occurred_on for e in newest] == sorted((e.occurred_on for e in newest), reverse=True)
    oldest = _read(world, "taskforce", TimelineFilter(oldest_first=True))[1]
    assert [e.key for e in oldest] == keys[::-1]
    assert newest[-1].category == "school_start"


def test_filters_combine_and_count_per_category(world):
    filters = TimelineFilter(categories=frozenset({"missing_episode", "suspension"}), start=D(2024, 1, 1))
    timeline, entries = _read(world, "dsl", filters)
    assert {e.summary for e in entries if not e.is_gap} == {
        world.texts["own_education"],
        world.texts["brother_in"],
    }
    counts = {c.code: c.count for c in timeline.categories}
    assert counts["youth_caution"] == 1
    assert counts["missing_episode"] == 1
    alone = _read(world, "dsl", TimelineFilter(with_family=False))[1]
    assert not any(e.is_family for e in alone)
    by_source = _read(world, "dsl", TimelineFilter(sources=frozenset({"youth_justice"})))[1]
    assert [e.summary for e in by_source] == [world.texts["own_partner"]]


def test_search_finds_only_text_the_viewer_may_read(world):
    assert [e.summary for e in _read(world, "dsl", TimelineFilter(q="WALRUS"))[1]] == [
        world.texts["own_partner"]
    ]
    assert _read(world, "head_teacher", TimelineFilter(q="walrus"))[1] == []
    assert _read(world, "dsl", TimelineFilter(q="narwhal"))[1] == []
    assert [e.category for e in _read(world, "head_teacher", TimelineFilter(q="caution"))[1]] == [
        "youth_caution"
    ]


def test_a_registered_source_adds_entries_cut_like_events(world):
    def rows(query):
        assert world.pupil.pk in query.person_ids
        assert world.brother.pk in query.person_ids
        return [
            SourceRow(
                world.pupil.pk, D(2025, 4, 1), "flag_raised", "Raised: persistent absence", "education", "1"
            ),
            SourceRow(
                world.pupil.pk, D(2025, 4, 2), "flag_raised", "Raised: gang association", "restricted", "2"
            ),
            SourceRow(
                world.brother.pk,
                D(2024, 5, 1),
                "referral_sent",
                "Referred brother to mentoring",
                "partner",
                "3",
            ),
            SourceRow(
                world.brother.pk, D(2022, 5, 1), "referral_sent", "Referred before they met", "partner", "4"
            ),
            SourceRow(999_999, D(2025, 4, 2), "flag_raised", "Someone else entirely", "education", "5"),
        ]

    register_timeline_source(
        code="plugin", label="Plug-in", rows=rows, categories={"flag_raised": "Trigger point"}
    )
    try:
        _, head = _read(world, "head_teacher")
        _, dsl = _read(world, "dsl")
    finally:
        unregister_timeline_source("plugin")
    plug = [e for e in head if e.key.startswith("plugin:")]
    assert [(e.category_label, e.summary, e.about) for e in plug] == [
        ("Trigger point", "Raised: persistent absence", "This young person"),
        ("Referral sent", None, "Brother (former household member)"),
    ]
    assert [e.summary for e in dsl if e.key.startswith("plugin:")] == [
        None,
        "Raised: persistent absence",
        "Referred brother to mentoring",
    ]


def test_the_chronology_imports_no_app_built_on_it():
    """Trigger points and referrals plug in through the registry, never by import."""
    allowed = {"accounts", "chronology", "schools", "portal"}
    root = Path(__file__).resolve().parents[2] / "chronology"
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                top = name.split(".")[0]
                project = (root.parent / top).is_dir() and (root.parent / top / "apps.py").exists()
                assert not project or top in allowed, f"{path} imports {name}"


def test_queries_do_not_grow_with_the_number_of_events(world):
    feed = FeedFactory(code=Feed.Code.YOUTH_JUSTICE, default_sensitivity=Sensitivity.PARTNER)

    def page_queries():
        timeline = timeline_for(world.users["taskforce"], world.pupil)
        with CaptureQueriesContext(connection) as small:
            timeline = timeline_for(world.users["taskforce"], world.pupil)
            timeline.hydrate(timeline.entries[:50])
        return len(small)

    before = page_queries()
    for n in range(120):
        EventFactory(
            person=world.pupil,
            feed=feed,
            category="youth_caution",
            occurred_on=D(2020, 1, 1) + datetime.timedelta(days=n),
        )
    assert page_queries() == before


@pytest.mark.parametrize("role", ["head_teacher", "dsl", "taskforce"])
@pytest.mark.parametrize("newest", [0, 1, 3, 1000])
def test_the_newest_entries_alone_are_the_head_of_the_whole_chronology(world, role, newest):
    """The young-person page's summary reads only the newest entries; they and the total
    must be exactly what the whole chronology would give."""
    whole = timeline_for(world.users[role], world.pupil)
    head = timeline_for(world.users[role], world.pupil, newest=newest)

    assert [e.key for e in head.entries] == [e.key for e in whole.entries[:newest]]
    assert head.hydrate(head.entries) == whole.hydrate(whole.entries[:newest])
    assert head.total == whole.total == len(whole.entries)
    assert head.restricted_notice == whole.restricted_notice


def test_a_date_range_shows_the_episodes_running_in_it_not_those_ended_before(world):
    """A child-protection plan begun before the range and still open, or ended within it,
    belongs in the range's chronology; one ended before it, and a one-off event dated
    before it, do not."""
    social_care = FeedFactory(code=Feed.Code.SOCIAL_CARE, default_sensitivity=Sensitivity.PARTNER)
    police = FeedFactory(code=Feed.Code.POLICE_INCIDENTS, default_sensitivity=Sensitivity.PARTNER)

    def event(feed, category, text, started, ended=None):
        return EventFactory(
            person=world.pupil,
            feed=feed,
            category=category,
            summary=text,
            occurred_on=started,
            ended_on=ended,
        )

    event(social_care, "social_care_cp_plan", "PLAN STILL OPEN", D(2026, 1, 10))
    event(social_care, "social_care_cin_plan", "PLAN ENDED IN RANGE", D(2025, 11, 1), D(2026, 3, 15))
    event(social_care, "social_care_assessment", "ASSESSMENT ENDED BEFORE", D(2025, 11, 1), D(2026, 2, 27))
    event(police, "police_incident", "INCIDENT BEFORE", D(2026, 2, 20))
    march = TimelineFilter(start=D(2026, 3, 1), end=D(2026, 3, 31))
    shown = {e.summary for e in _read(world, "taskforce", march)[1]}
    assert {"PLAN STILL OPEN", "PLAN ENDED IN RANGE"} <= shown
    assert not {"ASSESSMENT ENDED BEFORE", "INCIDENT BEFORE"} & shown
    assert "PLAN STILL OPEN" not in {
        e.summary for e in _read(world, "taskforce", TimelineFilter(end=D(2026, 1, 9)))[1]
    }


def test_a_date_range_does_not_tell_a_reader_who_sees_only_the_start_that_an_episode_runs_on(world):
    """A head teacher sees a partner episode as category and date, never its end: a range
    after its start leaves it out whether it ended or not, as it did before."""
    social_care = FeedFactory(code=Feed.Code.SOCIAL_CARE, default_sensitivity=Sensitivity.PARTNER)
    EventFactory(
        person=world.pupil,
        feed=social_care,
        category="social_care_cp_plan",
        sensitivity=Sensitivity.PARTNER,
        occurred_on=D(2026, 1, 10),
    )
    march = TimelineFilter(start=D(2026, 3, 1), end=D(2026, 3, 31))
    assert "social_care_cp_plan" in {e.category for e in _read(world, "taskforce", march)[1]}
    assert "social_care_cp_plan" not in {e.category for e in _read(world, "head_teacher", march)[1]}
