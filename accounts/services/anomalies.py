"""IG closing an access anomaly with a note. The review is itself in the change log
(AnomalyReview is registered with auditlog)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import AnomalyReview, User
from accounts.selectors_anomalies import anomaly_by_key


@transaction.atomic
def anomaly_review(*, by: User, key: str, note: str) -> AnomalyReview:
    """Nobody closes an anomaly about their own access: separation of duties."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": "Enter a note saying what you found."})
    anomaly = anomaly_by_key(key)
    if anomaly is None:
        raise ValidationError("The access log shows no such anomaly.")
    if anomaly.actor_id == by.pk:
        raise ValidationError("You cannot review an anomaly about your own access. Ask another IG officer.")
    try:
        with transaction.atomic():
            return AnomalyReview.objects.create(
                key=key, subject_user_id=anomaly.actor_id, reviewer=by, note=note, reviewed_at=timezone.now()
            )
    except IntegrityError:
        raise ValidationError("This anomaly has already been reviewed.") from None
