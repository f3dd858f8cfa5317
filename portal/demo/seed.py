"""Seeds the demo through the same pipeline a council's files take: the city is written as
FEEDS.md files and each file is imported by the real importer, so every demo record has
a feed run, a source record and a link confidence, exactly as real data would."""

from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from accounts.models import EmailPreference
from accounts.roles import Role
from accounts.services.anomaly_summary import anomaly_summary_refresh
from accounts.services.notifications import notification_email_set
from chronology.services.register import install_demonstration_register
from portal.demo.casework import DemoCasework, seed_demo_casework
from portal.demo.city import CityConfig, demo_schools
from portal.demo.doubts import link_the_mistyped_row, report_a_doubtful_link
from portal.demo.generate import CityFeeds, generate_city
from portal.demo.imperfect import Imperfection
from portal.demo.imports import FeedImport, WeeklyRegister, import_files
from portal.demo.past_anomalies import PastAnomalies, show_past_anomalies
from portal.demo.record_views import RecordViews, show_record_views
from portal.demo.replay import run_nights
from portal.demo.stewardship import StewardshipDemo, show_stewardship
from portal.demo.trigger_points import seed_trigger_points
from portal.demo.users import (
    SignIn,
    assign_demo_schools,
    create_demo_service_account,
    create_demo_users,
    demo_sign_ins,
)
from portal.demo.writer import ATTENDANCE, FeedFile, write_feed_files
from schools.models import School


@dataclass(frozen=True)
class SeedReport:
    imports: list[FeedImport]
    imperfections: list[Imperfection]
    sign_ins: list[SignIn]
    stewardship: StewardshipDemo
    casework: DemoCasework
    record_views: RecordViews
    past_anomalies: PastAnomalies


def write_demo_files(*, config: CityConfig, out_dir: Path) -> tuple[CityFeeds, list[FeedFile]]:
    feeds = generate_city(config)
    return feeds, write_feed_files(feeds, out_dir)


def seed_demo_city(*, config: CityConfig, out_dir: Path) -> SeedReport:
    """Not one transaction: each import is its own run (as in production), and a failed
    run is recorded on its FeedRun rather than undoing the feeds before it. The register
    arrives a week at a time around the replayed nightly runs (portal/demo/imports.py)."""
    feeds, files = write_demo_files(config=config, out_dir=out_dir)
    users = create_demo_users()
    install_demonstration_register(by=users[Role.ADMINISTRATOR])
    create_demo_service_account(by=users[Role.ADMINISTRATOR])
    officer = users[Role.DATA_OFFICER]
    imports = import_files((f for f in files if f.feed != ATTENDANCE), by=officer)
    register = WeeklyRegister(waiting=[f for f in files if f.feed == ATTENDANCE], by=officer)
    register.arrive_before(run_nights(config.as_of)[0])
    first, second = demo_schools(feeds.city)
    first_school = School.objects.get(urn=first.urn)
    assign_demo_schools(
        by=users[Role.ADMINISTRATOR], first=first_school, second=School.objects.get(urn=second.urn)
    )
    seed_trigger_points(users=users, school=first_school, today=config.as_of, arrive=register.arrive)
    register.the_rest()
    imports += register.imports
    report_a_doubtful_link(dsl=users[Role.DSL], school=first_school, officer=users[Role.DATA_OFFICER])
    for typo in (i for i in feeds.imperfections if i.problem.startswith("surname typo")):
        link_the_mistyped_row(
            officer=users[Role.DATA_OFFICER], feed=typo.feed, source_record_id=typo.source_record_id
        )
    casework = seed_demo_casework(school=first_school, as_of=config.as_of, today=timezone.localdate())
    stewardship = show_stewardship(
        files=files,
        out_dir=out_dir,
        officer=users[Role.DATA_OFFICER],
        ig=users[Role.IG_OFFICER],
        as_of=config.as_of,
    )
    past_anomalies = show_past_anomalies(users=users, school=first_school, today=timezone.localdate())
    record_views = show_record_views(users=users, school=first_school, today=timezone.localdate())
    # As the five-minute task would have kept it: IG's home page counts the month's
    # patterns from the summary, as a running portal's does.
    anomaly_summary_refresh()
    # The worker, out of the office most days, chose an email for each notification; the
    # others keep the daily digest, so the settings page shows a choice made.
    notification_email_set(user=users[Role.INTERVENTION_WORKER], preference=EmailPreference.EACH)
    return SeedReport(
        imports=imports,
        imperfections=feeds.imperfections,
        sign_ins=demo_sign_ins(),
        stewardship=stewardship,
        casework=casework,
        record_views=record_views,
        past_anomalies=past_anomalies,
    )
