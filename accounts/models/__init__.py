from accounts.models.access_log import AccessLogEntry, AccessLogSubject
from accounts.models.assignments import BreakGlass, SchoolAssignment
from accounts.models.change_log import ChangeLogEntry
from accounts.models.users import User

__all__ = [
    "AccessLogEntry",
    "AccessLogSubject",
    "BreakGlass",
    "ChangeLogEntry",
    "SchoolAssignment",
    "User",
]
