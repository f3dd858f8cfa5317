"""Trigger points in the demo city: the default indicators, flags computed from the
imported feeds, and the human side as it would have happened around them: the
taskforce working through its review queue a day after each night's run (confirming
most flags, dismissing some with a reason), and the school's DSL dismissing a few with
reasons of their own.

The flags are computed as the nightly job would have computed them over the last
REPLAY_WEEKS weeks (portal/demo/replay.py), each run seeing only the evidence dated up to its night
(the register's weekly files arriving just before it), so the
demo's flags are raised (and some cleared) on the dates their evidence arrived: the
dashboard's "since the start of the month" and the city's trend show real change
instead of every flag raised at seed time. Reviews, dismissals and the notifications
they send are dated when they happened, and the notifications of more than a week ago
are read: a DSL signing in sees this week's news, not the demo's whole history as new.
The change log, append-only, keeps the moment the demo wrote each entry."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from itertools import cycle, islice

from django.db.models import Max
from django.utils import timezone

from accounts.models import Notification, User
from accounts.roles import Role
from portal.demo.casework_dates import read_when_old, working_moment_at_or_before
from portal.demo.indicator_versions import date_the_defaults, tighten_after_review
from portal.demo.replay import EDITED_AFTER_RUN, UNREVIEWED_RUNS, run_nights
from risk.models import DismissalReason, Flag, Review
from risk.services.computing import ComputeResult, compute_flags
from risk.services.library import install_default_indicators
from risk.services.review import flag_confirm, flag_dismiss, may_dismiss
from schools.models import School

NIGHTLY_RUN = time(2, 0)
REVIEWED_NEXT_DAY = timedelta(days=1, hours=8)
"""The taskforce reviews a night's queue the next morning, 10:00."""
TASKFORCE_DISMISSES_EVERY = 6
DSL_DISMISSES_AFTER_RUNS = (2, 4, 6)
DSL_DISMISSALS_PER_RUN = 2
DSL_DISMISSED_LATER = timedelta(days=2, hours=13, minutes=30)
INSTALLED_BEFORE = timedelta(hours=12)
"""The defaults were installed the working afternoon before the first run."""
EDITED_AFTER_REVIEW = timedelta(hours=5)
"""The administrator edits an indicator the afternoon the taskforce reviewed this run's
flags, so the last runs' flags are raised by its new version."""

Reason = tuple[str, str]
Why = DismissalReason
TASKFORCE_REASONS: dict[str, tuple[Reason, ...]] = {
    "tp08": ((Why.DATA_WRONG, "The intelligence was about another young person of the same name."),),
    "tp13": (
        (Why.OUT_OF_DATE, "The adult named left the household before the notification was made."),
        (Why.KNOWN_AND_SUPPORTED, "Children's social care is already working with the family."),
        (Why.DATA_WRONG, "The notification was about a previous household at this address."),
    ),
    "tp14": (
        (Why.KNOWN_AND_SUPPORTED, "Already open to CAMHS, which leads on support."),
        (Why.OUT_OF_DATE, "A sports injury, treated and healed; no concern since."),
    ),
}
"""By trigger point: a reason that fits what its evidence is about."""
OTHER_TASKFORCE_REASON: Reason = (Why.KNOWN_AND_SUPPORTED, "Already known to the taskforce.")
DSL_DISMISSALS: tuple[tuple[str, Reason], ...] = (
    ("tp01", (Why.NOT_A_CONCERN, "The absence is a planned medical treatment the school knows about.")),
    ("tp06", (Why.KNOWN_AND_SUPPORTED, "Early-help plan in place since September.")),
    ("tp03", (Why.OUT_OF_DATE, "The part-time timetable ended last month; full-time since.")),
    ("tp04", (Why.DATA_WRONG, "One suspension was withdrawn on appeal; the feed has not caught up.")),
    ("tp01", (Why.KNOWN_AND_SUPPORTED, "Discussed at the pastoral meeting; the mentor supports them.")),
    ("tp01", (Why.OTHER, "Reviewed with the family: the school will check attendance weekly instead.")),
)
"""The DSL's, in order, each on a flag of its trigger point (skipped if the school has none)."""


Arrive = Callable[[date, datetime], None]
"""What reaches the portal before a night's run (the night, the run's moment): the
register's weekly files (portal/demo/imports.py)."""


def seed_trigger_points(
    *, users: dict[Role, User], school: School, today: date, arrive: Arrive | None = None
) -> ComputeResult:
    admin = users[Role.ADMINISTRATOR]
    installed = install_default_indicators(by=admin)
    nights = run_nights(today)
    taskforce, dsl = users[Role.TASKFORCE], users[Role.DSL]
    taskforce_reasons = {code: cycle(reasons) for code, reasons in TASKFORCE_REASONS.items()}
    dsl_dismissals = iter(DSL_DISMISSALS)
    now = timezone.now()
    for n, night in enumerate(nights):
        # Seeded before tonight's run would have started, the last run is the seed's own:
        # a flag raised "at 02:00" at half past midnight is news from the future.
        at = min(timezone.make_aware(datetime.combine(night, NIGHTLY_RUN)), now)
        if n == 0:
            date_the_defaults(installed, at=working_moment_at_or_before(at - INSTALLED_BEFORE))
        with _dated(at, today=today):
            if arrive is not None:
                arrive(night, at)
            result = compute_flags(today=night, now=at)
        if n < len(nights) - UNREVIEWED_RUNS:
            reviewed = _on_a_weekday(at + REVIEWED_NEXT_DAY)
            _review_queue(taskforce, at=reviewed, today=today, reasons=taskforce_reasons)
            if n == EDITED_AFTER_RUN:
                tighten_after_review(by=admin, at=reviewed + EDITED_AFTER_REVIEW)
        if n in DSL_DISMISSES_AFTER_RUNS:
            chosen = list(islice(dsl_dismissals, DSL_DISMISSALS_PER_RUN))
            dismissed = _on_a_weekday(at + DSL_DISMISSED_LATER)
            _dismiss_at_school(dsl, school, at=dismissed, today=today, dismissals=chosen)
    return result


def _on_a_weekday(at: datetime) -> datetime:
    """The same time on the next weekday if `at` falls at a weekend: the runs are a week
    apart on the weekday of seeding, and seeded on a Friday the taskforce reviewed every
    week's queue on a Saturday."""
    while timezone.localtime(at).weekday() >= 5:
        at += timedelta(days=1)
    return at


def _review_queue(officer: User, *, at: datetime, today: date, reasons: dict[str, Iterator[Reason]]) -> None:
    """Every flag waiting for review when the officer sits down: most confirmed, one in
    TASKFORCE_DISMISSES_EVERY dismissed with a reason (the outcomes page's measure of
    false positives then has something to measure)."""
    waiting = (
        Flag.objects.filter(
            review=Review.PENDING, cleared_at__isnull=True, dismissed_at__isnull=True, raised_at__lt=at
        )
        .select_related("indicator")
        .order_by("pk")
    )
    confirmed, dismissed = [], []
    with _dated(at, today=today):
        for n, flag in enumerate(waiting):
            if n % TASKFORCE_DISMISSES_EVERY == TASKFORCE_DISMISSES_EVERY - 1:
                reason, note = next(reasons.get(flag.indicator.code, iter([OTHER_TASKFORCE_REASON])))
                flag_dismiss(by=officer, flag=flag, reason=reason, note=note)
                dismissed.append(flag.pk)
            else:
                flag_confirm(by=officer, flag=flag)
                confirmed.append(flag.pk)
    Flag.objects.filter(pk__in=confirmed).update(reviewed_at=at)
    Flag.objects.filter(pk__in=dismissed).update(dismissed_at=at)


def _dismiss_at_school(
    dsl: User, school: School, *, at: datetime, today: date, dismissals: list[tuple[str, Reason]]
) -> None:
    """A few flags the school's DSL knows more about than the data does."""
    candidates = Flag.objects.filter(
        cleared_at__isnull=True,
        dismissed_at__isnull=True,
        raised_at__lt=at,
        person__enrolments__school=school,
        person__enrolments__leaving_date__isnull=True,
    ).exclude(review=Review.PENDING)
    dismissed = []
    with _dated(at, today=today):
        for code, (reason, note) in dismissals:
            of_code = candidates.filter(indicator__code=code).order_by("-raised_at", "pk")[:20]
            flag = next((f for f in of_code if may_dismiss(dsl, f) and f.pk not in dismissed), None)
            if flag is not None:
                flag_dismiss(by=dsl, flag=flag, reason=reason, note=note)
                dismissed.append(flag.pk)
    Flag.objects.filter(pk__in=dismissed).update(dismissed_at=at)


@contextmanager
def _dated(at: datetime, *, today: date) -> Iterator[None]:
    """Moves the notifications written inside to `at` (the services stamp the moment they
    run), marking those older than a week read."""
    before = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    yield
    read_at = read_when_old(at, now=timezone.make_aware(datetime.combine(today, time.min)))
    Notification.objects.filter(pk__gt=before).update(created_at=at, read_at=read_at)
