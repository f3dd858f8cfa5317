from interventions.models.interventions import (
    Attendance,
    ClosureReason,
    Intervention,
    InterventionStatus,
    Programme,
    Session,
    SessionEntry,
)
from interventions.models.outcomes import Measure
from interventions.models.referrals import ConsentBasis, Referral, ReferralEntry, ReferralStatus, Urgency

__all__ = [
    "Attendance",
    "ClosureReason",
    "ConsentBasis",
    "Intervention",
    "InterventionStatus",
    "Measure",
    "Programme",
    "Referral",
    "ReferralEntry",
    "ReferralStatus",
    "Session",
    "SessionEntry",
    "Urgency",
]
