"""The linkage work that leads a data officer to a person (accounts/access_matching.py):
an open review naming them as a candidate, or any review whose row was split from or
linked to them (the queue's recent decisions link there, so a wrong link can be split)."""

from django.db import connection
from django.db.models import Q

from chronology.models import LinkReview


def linkage_leads_to(person_id: int) -> bool:
    if LinkReview.objects.filter(Q(split_from_id=person_id) | Q(person_id=person_id)).exists():
        return True
    open_reviews = LinkReview.objects.filter(status=LinkReview.Status.OPEN)
    if connection.vendor == "postgresql":
        return open_reviews.filter(candidates__contains=[{"person_id": person_id}]).exists()
    # SQLite (the demo) has no JSON containment: the demo's queue is small.
    candidates = open_reviews.values_list("candidates", flat=True)
    return any(c.get("person_id") == person_id for listed in candidates.iterator() for c in listed)
