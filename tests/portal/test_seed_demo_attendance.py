"""The demo's register arrives as a council's does, a week's file at a time in date
order, so a pupil's "Became persistently absent" is dated in the week their absence
crossed the threshold, not in the last week the seed imported."""

import io
from collections import defaultdict
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from chronology.importing.attendance_thresholds import THRESHOLD_CATEGORY
from chronology.models import AttendanceWeek, Event, FeedRun
from portal.demo.trigger_points import NIGHTLY_RUN

AS_OF = date(2026, 12, 4)
"""A Friday: each week's file is then one school week, Monday to Friday."""
WEEKS = 10
"""Two weeks end before the first replayed night (9 Oct), so arrive before the runs."""
CITY = ["--seed", "7", "--pupils", "150", "--schools", "2", "--attendance-weeks", str(WEEKS)]
FRIDAY = timedelta(days=4)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("weekly")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=root / "media"),
        transaction.atomic(),
    ):
        call_command(
            "seed_demo",
            *CITY,
            "--as-of",
            AS_OF.isoformat(),
            "--out",
            str(root / "feeds"),
            stdout=io.StringIO(),
        )
        yield root / "feeds"
        transaction.set_rollback(True)


def _first_crossings() -> dict[int, date]:
    """Each pupil's first week whose school year to date missed at least 10% of at least
    20 possible sessions (the weeks all fall in one school year), as its Friday."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    crossed: dict[int, date] = {}
    for week in AttendanceWeek.objects.order_by("person_id", "week"):
        absent, possible = totals[week.person_id]
        absent += week.authorised + week.unauthorised
        possible += week.present + week.attending + week.authorised + week.unauthorised
        totals[week.person_id] = [absent, possible]
        if possible >= 20 and 10 * absent >= possible and week.person_id not in crossed:
            crossed[week.person_id] = week.week + FRIDAY
    return crossed


@pytest.mark.django_db
def test_each_weeks_register_is_a_file_of_its_own_in_the_output_folder(seeded):
    weekly = sorted(p.name for p in seeded.glob("attendance*.csv"))
    assert len(weekly) == WEEKS
    assert weekly[-1] == f"attendance-to-{AS_OF.isoformat()}.csv"


@pytest.mark.django_db
def test_pupils_became_persistently_absent_in_the_week_they_crossed_the_threshold(seeded):
    first: dict[int, Event] = {}
    for event in Event.objects.filter(category=THRESHOLD_CATEGORY).order_by("occurred_on", "pk"):
        first.setdefault(event.person_id, event)
    became = {
        p: e.occurred_on for p, e in first.items() if e.summary.startswith("Became persistently absent")
    }

    assert len(set(became.values())) > 1
    assert min(became.values()) < AS_OF
    assert became == {p: week for p, week in _first_crossings().items() if p in became}


@pytest.mark.django_db
def test_each_weeks_file_arrives_at_the_replayed_run_of_the_night_it_ends(seeded):
    """Imports and the nightly runs interleave as they would have happened: each week's
    file ends on a replayed night (the last on the as-of day) and arrives at that night's
    run, the weeks before the first run at their own night's hour."""
    for path in sorted(seeded.glob("attendance-to-*.csv")):
        up_to = date.fromisoformat(path.stem.removeprefix("attendance-to-"))
        run = FeedRun.objects.get(original_filename=path.name)
        assert run.started_at == timezone.make_aware(datetime.combine(up_to, NIGHTLY_RUN)), path.name
