"""The demo's imports, and the register's weekly files arriving as the replayed nights
come: a council imports its register daily or weekly, so each pupil's absence thresholds
are judged as their weeks come in and the threshold events are dated when crossed.

A week's file (the seven days up to a replayed night, portal/demo/writer.py) is imported
just before that night's run, with the portal's clock at the run's moment: its feed run
is dated then, and the trigger points an import recomputes for the people it touched
(risk/registrations.py) are decided as of that night, not as of the seed. The weeks
before the first replayed night arrive each on its own night, before the trigger points
are installed: imported all at the first run, each import's recompute judged the
pupils on the few weeks in so far and raised flags that the next import cleared."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from accounts.models import User
from chronology.models import FeedRun
from chronology.services.imports import import_feed_file
from portal.demo.clock import clock_at
from portal.demo.trigger_points import NIGHTLY_RUN
from portal.demo.writer import FeedFile


@dataclass(frozen=True)
class FeedImport:
    file: FeedFile
    run: FeedRun


def import_files(files: Iterable[FeedFile], *, by: User) -> list[FeedImport]:
    return [FeedImport(file=f, run=import_feed_file(feed_code=f.feed, path=f.path, by=by)) for f in files]


@dataclass
class WeeklyRegister:
    """The register files still to arrive, oldest first; `imports` gains each as it does."""

    waiting: list[FeedFile]
    by: User
    imports: list[FeedImport] = field(default_factory=list)

    def arrive(self, night: date, at: datetime) -> None:
        """Imports, at `at`, every waiting file whose week ends by `night`."""
        due = [f for f in self.waiting if f.up_to is not None and f.up_to <= night]
        self.waiting = [f for f in self.waiting if f not in due]
        with clock_at(at):
            self.imports += import_files(due, by=self.by)

    def arrive_before(self, night: date) -> None:
        """The files of the weeks that end before `night`, each at its own night's hour."""
        for file in [f for f in self.waiting if f.up_to is not None and f.up_to < night]:
            self.arrive(file.up_to, timezone.make_aware(datetime.combine(file.up_to, NIGHTLY_RUN)))

    def the_rest(self) -> None:
        """Any file after the last night (none when the last night is the as-of day)."""
        self.imports += import_files(self.waiting, by=self.by)
        self.waiting = []
