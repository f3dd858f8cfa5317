"""What each role's home page counts: for every role whose work arrives on its own
(trigger points, referrals, reviews, anomalies, feed problems), how much is waiting
today, read through the same selectors as the page that lists it, so each figure is that
page's count. Counts only: the home page names no young person and so logs nothing."""

from typing import Any

from django.utils import timezone

from accounts.access import JUDGEMENT_NOTICE, has_role
from accounts.models import User
from accounts.roles import Role
from accounts.selectors_anomaly_counts import anomalies_to_review, default_period
from interventions.queue import caseload_counts, queue_counts
from interventions.selectors import interventions_for, referrals_for
from risk.selectors import flags_switched_on, review_queue
from risk.selectors_dashboard import school_dashboard
from stewardship.selectors.health import feed_problems
from stewardship.selectors.retention import HOLD_ENDING_NOTICE, hold_counts


def home_context(user: User) -> dict[str, Any]:
    today = timezone.localdate()
    context: dict[str, Any] = {"role": user.role}
    if has_role(user, Role.DATA_OFFICER):
        context["feed_problems"] = feed_problems()
    if has_role(user, Role.HEAD_TEACHER, Role.DSL):
        context |= {"board": school_dashboard(user), "judgement_notice": JUDGEMENT_NOTICE}
    if has_role(user, Role.TASKFORCE):
        context |= {
            "queue": queue_counts(
                referrals=referrals_for(user), interventions=interventions_for(user), today=today
            ),
            "awaiting_review": review_queue(user).count(),
            "flags_on": flags_switched_on(),
        }
    if has_role(user, Role.INTERVENTION_WORKER):
        context["caseload"] = caseload_counts(interventions_for(user), today=today)
    if has_role(user, Role.IG_OFFICER):
        context |= {
            "to_review": anomalies_to_review(reviewer=user, period=default_period(today)),
            "holds": hold_counts(today),
            "hold_notice_days": HOLD_ENDING_NOTICE.days,
        }
    return context
