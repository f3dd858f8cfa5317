"""The linkage work that leads a data officer to a person (accounts/access_matching.py):
an open review naming them as a candidate, or any review whose row was split from or
linked to them (the queue's recent decisions link there, so a wrong link can be split),
or a reported link whose row is, or was when reported, linked to them (the report's
page links there, so the officer can see the person's other rows before deciding)."""

from django.db import connection
from django.db.models import Q

from chronology.models import LinkDoubt, LinkReview


def linkage_leads_to(person_id: int) -> bool:
    if LinkReview.objects.filter(Q(split_from_id=person_id) | Q(person_id=person_id)).exists():
        return True
    if LinkDoubt.objects.filter(
        Q(source_record__person_id=person_id) | Q(linked_person_id=person_id)
    ).exists():
        return True
    open_reviews = LinkReview.objects.filter(status=LinkReview.Status.OPEN)
    if connection.vendor == "postgresql":
        return open_reviews.filter(candidates__contains=[{"person_id": person_id}]).exists()
    # SQLite (the demo) has no JSON containment: the demo's queue is small.
    candidates = open_reviews.values_list("candidates", flat=True)
    return any(c.get("person_id") == person_id for listed in candidates.iterator() for c in listed)
