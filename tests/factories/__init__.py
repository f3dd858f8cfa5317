"""factory_boy factories for every model, shared by all test folders."""

from tests.factories.accounts import (
    AccessLogEntryFactory,
    BreakGlassFactory,
    SchoolAssignmentFactory,
    UserFactory,
)
from tests.factories.chronology import (
    EventFactory,
    FeedFactory,
    FeedRunFactory,
    RejectedRowFactory,
    SourceRecordFactory,
)
from tests.factories.schools import (
    EnrolmentFactory,
    FamilyFactory,
    FamilyMemberFactory,
    PersonFactory,
    SchoolFactory,
    valid_upn,
)

__all__ = [
    "AccessLogEntryFactory",
    "BreakGlassFactory",
    "EnrolmentFactory",
    "EventFactory",
    "FamilyFactory",
    "FamilyMemberFactory",
    "FeedFactory",
    "FeedRunFactory",
    "PersonFactory",
    "RejectedRowFactory",
    "SchoolAssignmentFactory",
    "SchoolFactory",
    "SourceRecordFactory",
    "UserFactory",
    "valid_upn",
]
