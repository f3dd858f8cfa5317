"""What an anomaly is, as IG's pages show it: the finders (accounts.selectors_anomalies,
accounts.selectors_anomaly_patterns) each make these."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from accounts.models import AnomalyReview

REFUSALS = {
    "out of scope": (
        "the young person is not one their role lets them open "
        "(not at their school, not on their caseload or allocated to them)"
    ),
    "not open to break-glass": "the record cannot be opened by break-glass",
    "role may not use this page": "their role may not use this page",
    "role may not use this endpoint": "their role may not use this part of the API",
    "PermissionDenied": "their role may not use this page",
    "Http404": "the record was not found for them (not one they may open, or no such record)",
    "no review, split or search of theirs leads here": (
        "no review, split or search of theirs leads to this person"
    ),
    "referral out of scope": "the referral is not one they may see",
    "intervention out of scope": "the intervention is not one they may see",
}
"""The access layer's reasons for refusing (accounts.access_records, the API's views,
interventions.selectors), in words."""


@dataclass
class Anomaly:
    key: str
    kind: str
    label: str
    actor_id: int | None
    actor_label: str
    at: datetime
    entry_count: int
    records: int
    entry_id: int | None = None
    person_ids: tuple[int, ...] = ()
    reason: str = ""
    """The reason the officer gave for breaking glass; for a refusal, the portal's own."""
    route: str = ""
    """The page asked for, for an anomaly that is one entry (break-glass, refusal)."""
    day: date | None = None
    review: AnomalyReview | None = None
    actor_name: str = ""
    """Who, as the rest of IG's pages name them; a lockout keeps its email and address,
    since whoever tried need not be the account's holder."""

    @property
    def refusal_words(self) -> str:
        """Why the portal refused, as IG reads it: the log keeps the access layer's short
        reason, which is no reason anybody gave."""
        return REFUSALS.get(self.reason, self.reason)

    @property
    def hour_words(self) -> str:
        """A volume anomaly's hour, "14:00 to 15:00 GMT", in London time with its zone: on
        the day the clocks go back, 01:00 to 02:00 happens twice ("01:00 BST to 01:00 GMT"
        is the first). Django's date filter leaves the zone out of exactly those times."""
        start, end = timezone.localtime(self.at), timezone.localtime(self.at + timedelta(hours=1))
        if start.tzname() == end.tzname():
            return f"{start:%H:%M} to {end:%H:%M} {end.tzname()}"
        return f"{start:%H:%M} {start.tzname()} to {end:%H:%M} {end.tzname()}"
