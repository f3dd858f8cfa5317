from accounts.models.access_log import AccessLogEntry, AccessLogSeal, AccessLogSubject
from accounts.models.anomalies import AnomalyReview
from accounts.models.anomaly_summary import AnomalyActorHour, AnomalySummaryHour
from accounts.models.api_tokens import ApiToken
from accounts.models.assignments import BreakGlass, SchoolAssignment
from accounts.models.change_log import ChangeLogEntry
from accounts.models.notifications import EmailPreference, Notification
from accounts.models.users import User

__all__ = [
    "AccessLogEntry",
    "AccessLogSeal",
    "AccessLogSubject",
    "AnomalyActorHour",
    "AnomalyReview",
    "AnomalySummaryHour",
    "ApiToken",
    "BreakGlass",
    "ChangeLogEntry",
    "EmailPreference",
    "Notification",
    "SchoolAssignment",
    "User",
]
